import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { ApprovalDecidedPayload, EventEnvelope } from '@mosaic/schemas'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { HttpError } from '../errors.js'
import { KitEventTables1763900000000 } from '../events/event-migration.js'
import { receiveEvent } from '../events/inbox.js'
import { RECORD_COLUMNS_SQL, recordColumns } from '../records/columns.js'
import { KitRecordTables1763800000000 } from '../records/kit-migration.js'
import { RecordStore } from '../records/record-store.js'
import {
  applyApprovalDecision,
  approvalDecisionHandlers,
  assertNotAwaitingApproval,
  requestApproval,
  type Approvable,
} from './approvals.js'

interface DocRow extends Approvable {
  title: string
}

const DocEntity = new EntitySchema<DocRow>({
  name: 'ApprovalDoc',
  tableName: 'approval_doc',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    status: { type: 'varchar', length: 20 },
    approvalRequestId: { type: 'uuid', name: 'approval_request_id', nullable: true },
  },
})

class CreateApprovalDoc1763800000600 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE approval_doc (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, status varchar(20) NOT NULL, approval_request_id uuid NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE approval_doc')
  }
}

const docs = new RecordStore<DocRow>({ entityType: 'quote', entity: DocEntity, title: (r) => r.title })
const MOVES = { pending: 'pending', approved: 'approved', rejected: 'rejected', withdrawn: 'draft' } as const

const submitter: Principal = {
  userId: randomUUID(),
  username: 'rep',
  displayName: 'Rep One',
  deptId: randomUUID(),
  roles: [],
  permissions: [],
  dataScope: 'self',
  kind: 'staff',
}
const DECIDER = randomUUID()

describe('approvals (the owning side)', () => {
  let testDb: TestDatabase
  let db: Database
  const handlers = approvalDecisionHandlers('orders', {
    quote: async (m, decided) => {
      await applyApprovalDecision(m, docs, decided, MOVES)
    },
  })

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [DocEntity],
      migrations: [CreateApprovalDoc1763800000600, KitRecordTables1763800000000, KitEventTables1763900000000],
    })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  const row = async (id: string) =>
    (
      await db.dataSource.query(
        'SELECT status, approval_request_id, version FROM approval_doc WHERE id = $1',
        [id],
      )
    )[0] as {
      status: string
      approval_request_id: string | null
      version: number
    }
  const audits = (id: string) =>
    db.dataSource.query(
      `SELECT action, note, actor_id, actor_name FROM audit_log WHERE entity_id = $1 AND action <> 'create' ORDER BY seq`,
      [id],
    ) as Promise<Array<{ action: string; note: string | null; actor_id: string; actor_name: string }>>

  /** A document submitted for approval: pending, holding the request id. */
  async function submitted(title = 'Q-1') {
    return db.transaction(async (m) => {
      const doc = await docs.create(
        m,
        { actor: { id: submitter.userId, name: 'Rep One' } },
        {
          title,
          status: 'draft',
          approvalRequestId: null,
        },
      )
      const requestId = await requestApproval(m, 'orders', submitter, {
        docType: 'quote',
        docId: doc.id,
        docNumber: title,
        docTitle: `${title} (Acme)`,
        amount: '1200.50',
        link: `/sales/quotes?open=${doc.id}`,
        ownerId: submitter.userId,
        deptId: submitter.deptId,
      })
      await docs.update(m, { actor: { id: submitter.userId, name: 'Rep One' } }, doc.id, doc.version, {
        status: 'pending',
        approvalRequestId: requestId,
      })
      return { id: doc.id, requestId }
    })
  }

  const decision = (
    doc: { id: string; requestId: string },
    over: Partial<ApprovalDecidedPayload> = {},
  ): ApprovalDecidedPayload => ({
    requestId: doc.requestId,
    instanceId: randomUUID(),
    service: 'orders',
    docType: 'quote',
    docId: doc.id,
    outcome: 'approved',
    comment: 'Fine by me',
    decidedById: DECIDER,
    decidedByName: 'Boss',
    decidedAt: new Date().toISOString(),
    ...over,
  })
  const envelope = (payload: ApprovalDecidedPayload, id = randomUUID()): EventEnvelope => ({
    id,
    topic: 'admin.approval.decided',
    source: 'admin',
    occurredAt: new Date().toISOString(),
    actorId: payload.decidedById,
    payload: { ...payload },
    notify: [],
  })
  const deliver = (event: EventEnvelope) => receiveEvent(db, handlers, event)

  it('puts the request in the outbox with the submission, the submitter and a fresh request id', async () => {
    const doc = await submitted('Q-OUT')
    const events = await db.dataSource.query(
      `SELECT topic, payload FROM outbox_event WHERE payload->>'docId' = $1`,
      [doc.id],
    )
    expect(events).toEqual([
      {
        topic: 'orders.approval.requested',
        payload: {
          requestId: doc.requestId,
          service: 'orders',
          docType: 'quote',
          docId: doc.id,
          docNumber: 'Q-OUT',
          docTitle: 'Q-OUT (Acme)',
          amount: '1200.50',
          link: `/sales/quotes?open=${doc.id}`,
          submitterId: submitter.userId,
          submitterName: 'Rep One',
          submitterDeptId: submitter.deptId,
          ownerId: submitter.userId,
          deptId: submitter.deptId,
          comment: null,
        },
      },
    ])
    expect((await row(doc.id)).approval_request_id).toBe(doc.requestId)
  })

  it('moves the document on a decision for its pending request, audited as the decider with the comment', async () => {
    const approved = await submitted('Q-A')
    expect(await deliver(envelope(decision(approved)))).toEqual({ handled: true, duplicate: false })
    expect(await row(approved.id)).toMatchObject({ status: 'approved', approval_request_id: null })

    const rejected = await submitted('Q-R')
    await deliver(envelope(decision(rejected, { outcome: 'rejected', comment: 'Too cheap' })))
    expect(await row(rejected.id)).toMatchObject({ status: 'rejected', approval_request_id: null })

    const withdrawn = await submitted('Q-W')
    await deliver(
      envelope(
        decision(withdrawn, {
          outcome: 'withdrawn',
          comment: null,
          decidedById: submitter.userId,
          decidedByName: 'Rep One',
        }),
      ),
    )
    expect(await row(withdrawn.id)).toMatchObject({ status: 'draft', approval_request_id: null })

    expect(await audits(approved.id)).toEqual([
      { action: 'update', note: null, actor_id: submitter.userId, actor_name: 'Rep One' },
      { action: 'approve', note: 'Fine by me', actor_id: DECIDER, actor_name: 'Boss' },
    ])
    expect((await audits(rejected.id)).at(-1)).toEqual({
      action: 'reject',
      note: 'Too cheap',
      actor_id: DECIDER,
      actor_name: 'Boss',
    })
    expect((await audits(withdrawn.id)).at(-1)).toEqual({
      action: 'withdraw',
      note: null,
      actor_id: submitter.userId,
      actor_name: 'Rep One',
    })
  })

  it('ignores a stale request id, a second delivery and another service’s decision', async () => {
    const doc = await submitted('Q-S')
    const before = await row(doc.id)

    // An older submission's decision.
    await deliver(envelope(decision({ id: doc.id, requestId: randomUUID() })))
    // Another service's document type and id collide, but the decision is not ours.
    await deliver(envelope(decision(doc, { service: 'sales', docType: 'quote' })))
    expect(await row(doc.id)).toEqual(before)
    expect(await audits(doc.id)).toHaveLength(1)

    // The decision, then the same event again (inbox duplicate), then the same decision as a new event.
    const event = envelope(decision(doc, { outcome: 'rejected', comment: 'No' }))
    await deliver(event)
    const after = await row(doc.id)
    expect(after).toMatchObject({ status: 'rejected', approval_request_id: null })
    expect(await deliver(event)).toEqual({ handled: false, duplicate: true })
    await deliver(envelope(decision(doc, { outcome: 'approved' })))
    expect(await row(doc.id)).toEqual(after)
    expect((await audits(doc.id)).map((a) => a.action)).toEqual(['update', 'reject'])
  })

  it('returns null for a stale decision and the moved document otherwise', async () => {
    const doc = await submitted('Q-N')
    const stale = await db.transaction((m) =>
      applyApprovalDecision(m, docs, decision({ id: doc.id, requestId: randomUUID() }), MOVES),
    )
    expect(stale).toBeNull()
    const moved = await db.transaction((m) => applyApprovalDecision(m, docs, decision(doc), MOVES))
    expect(moved).toMatchObject({ id: doc.id, status: 'approved', approvalRequestId: null })
    const gone = await db.transaction((m) =>
      applyApprovalDecision(m, docs, decision({ id: randomUUID(), requestId: doc.requestId }), MOVES),
    )
    expect(gone).toBeNull()
  })

  it('locks a document while it waits', () => {
    const waiting = { status: 'pending', approvalRequestId: randomUUID() } as DocRow
    let error: unknown
    try {
      assertNotAwaitingApproval(waiting, 'pending')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(409)
    expect((error as HttpError).code).toBe('record.awaiting_approval')
    expect(() => assertNotAwaitingApproval({ ...waiting, status: 'draft' }, 'pending')).not.toThrow()
  })
})
