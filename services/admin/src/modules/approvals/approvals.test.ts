import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { EventEnvelope, type admin } from '@mosaic/schemas'
import { receiveEvent } from '@mosaic/service-kit'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { eventHandlers } from '../../events.js'

let h: AdminHarness
let adminToken: string
let adminId: string
let rootDept: string
beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
  const me = await h.call('GET', '/auth/me', { token: adminToken })
  adminId = me.body.id ?? me.body.user?.id ?? me.body.userId
  const [root] = await h.service.db.dataSource.query('SELECT id FROM dept WHERE parent_id IS NULL LIMIT 1')
  rootDept = root.id
})
afterAll(() => h?.close())

type Person = { id: string; token: string }
let seq = 0
const uniq = (p: string) => `${p}${++seq}`

async function role(permissions: string[] = [], dataScope = 'self'): Promise<string> {
  const code = uniq('apr_role_')
  const res = await h.call('POST', '/roles', {
    token: adminToken,
    body: { code, name: code, permissions, dataScope },
  })
  expect(res.status).toBe(201)
  return res.body.id
}

async function person(o: { roleIds?: string[]; deptId?: string | null } = {}): Promise<Person> {
  const username = uniq('apr_u')
  const res = await h.call('POST', '/users', {
    token: adminToken,
    body: {
      username,
      displayName: `Name ${username}`,
      password: 'password-123',
      roleIds: o.roleIds ?? [],
      deptId: o.deptId ?? null,
    },
  })
  expect(res.status).toBe(201)
  return { id: res.body.id, token: await h.login(username, 'password-123') }
}

async function dept(parentId: string | null, leaderUserId: string | null = null): Promise<string> {
  const res = await h.call('POST', '/depts', {
    token: adminToken,
    body: { name: uniq('Dept '), parentId, leaderUserId },
  })
  expect(res.status).toBe(201)
  return res.body.id
}

async function flowOf(docType: admin.ApprovalDocType): Promise<admin.ApprovalFlow> {
  const res = await h.call('GET', '/approval-flows', { token: adminToken })
  expect(res.status).toBe(200)
  return res.body.find((f: admin.ApprovalFlow) => f.docType === docType)
}

async function saveFlow(docType: admin.ApprovalDocType, steps: admin.ApprovalStepInput[], enabled = true) {
  const current = await flowOf(docType)
  const res = await h.call('PUT', `/approval-flows/${docType}`, {
    token: adminToken,
    body: { version: current?.version ?? 0, enabled, steps },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as admin.ApprovalFlow
}

interface Submission {
  docType: admin.ApprovalDocType
  submitter: Person
  submitterDeptId?: string | null
  amount?: string | null
  ownerId?: string | null
  deptId?: string | null
  requestId?: string
}

function envelope(s: Submission, requestId: string) {
  return EventEnvelope.parse({
    id: randomUUID(),
    topic: 'orders.approval.requested',
    source: 'orders',
    occurredAt: new Date().toISOString(),
    actorId: s.submitter.id,
    payload: {
      requestId,
      service: 'orders',
      docType: s.docType,
      docId: randomUUID(),
      docNumber: uniq('DOC-'),
      docTitle: 'Secret deal title',
      amount: s.amount ?? '100.00',
      link: '/orders/contracts?open=1',
      submitterId: s.submitter.id,
      submitterName: 'Submitter Name',
      submitterDeptId: s.submitterDeptId ?? null,
      ownerId: s.ownerId ?? s.submitter.id,
      deptId: s.deptId ?? s.submitterDeptId ?? null,
      comment: null,
    },
    notify: [],
  })
}

const deliver = (e: EventEnvelope) => receiveEvent(h.service.db, eventHandlers, e)

/** Submits and answers the instance as its submitter reads it. */
async function submit(s: Submission): Promise<admin.ApprovalInstance> {
  const requestId = s.requestId ?? randomUUID()
  await deliver(envelope(s, requestId))
  const [row] = await h.service.db.dataSource.query(
    'SELECT id FROM approval_instance WHERE request_id = $1',
    [requestId],
  )
  return read(s.submitter, row.id)
}

async function read(who: Person, id: string): Promise<admin.ApprovalInstance> {
  const res = await h.call('GET', `/approvals/instances/${id}`, { token: who.token })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

async function taskOf(who: Person, instanceId: string): Promise<admin.ApprovalTask | undefined> {
  const res = await h.call('GET', '/approvals/tasks?box=todo&limit=100', { token: who.token })
  expect(res.status).toBe(200)
  return res.body.items.find((t: admin.ApprovalTask) => t.instanceId === instanceId)
}

const approve = (who: Person, taskId: string, comment?: string) =>
  h.call('POST', `/approvals/tasks/${taskId}/approve`, { token: who.token, body: comment ? { comment } : {} })
const reject = (who: Person, taskId: string, comment: string) =>
  h.call('POST', `/approvals/tasks/${taskId}/reject`, { token: who.token, body: { comment } })

async function decidedEvents(instanceId: string) {
  const rows: Array<{ payload: Record<string, unknown> }> = await h.service.db.dataSource.query(
    `SELECT payload FROM outbox_event WHERE topic = 'admin.approval.decided' AND payload->>'instanceId' = $1`,
    [instanceId],
  )
  return rows.map((r) => r.payload)
}

async function notificationsOf(userId: string, kind: string) {
  return h.service.db.dataSource.query(
    'SELECT kind, title, link, entity_id FROM notification WHERE user_id = $1 AND kind = $2',
    [userId, kind],
  )
}

const approverIds = (i: admin.ApprovalInstance, step: number) =>
  i.steps[step]!.approvers.map((a) => a.userId).sort()

describe('approval flows', () => {
  test('data initialisation wrote a current flow for every document type', async () => {
    const res = await h.call('GET', '/approval-flows', { token: adminToken })
    expect(res.status).toBe(200)
    expect(res.body.map((f: admin.ApprovalFlow) => f.docType)).toEqual([
      'quote',
      'contract',
      'contract-change',
      'closure',
      'closure-override',
      'payment',
    ])
    const contract = res.body.find((f: admin.ApprovalFlow) => f.docType === 'contract')
    expect(contract.steps).toEqual([
      expect.objectContaining({
        approverKind: 'dept-head',
        approverId: null,
        mode: 'any',
        amountAbove: null,
      }),
      expect.objectContaining({ approverKind: 'role', approverName: '超级管理员', amountAbove: '1000000' }),
    ])
  })

  test('the default payment flow is optional: up to 500,000.00 approved at once, above waits for a super admin', async () => {
    const flow = await flowOf('payment')
    expect(flow).toMatchObject({ version: 1, enabled: true })
    expect(flow.steps).toEqual([
      expect.objectContaining({ approverKind: 'role', approverName: '超级管理员', amountAbove: '500000' }),
    ])
    const submitter = await person()
    const small = await submit({ docType: 'payment', submitter, amount: '500000.00' })
    expect(small).toMatchObject({ status: 'approved', decidedAt: expect.any(String) })
    expect(small.steps.map((s) => s.status)).toEqual(['skipped'])
    expect(await decidedEvents(small.id)).toEqual([
      expect.objectContaining({ outcome: 'approved', docType: 'payment', decidedById: null }),
    ])
    const big = await submit({ docType: 'payment', submitter, amount: '500000.01' })
    expect(big.status).toBe('pending')
    expect(approverIds(big, 0)).toEqual([adminId])
    expect(await decidedEvents(big.id)).toEqual([])
  })

  test('saving writes a new version; a stale version is a 409; unknown approvers are field errors', async () => {
    const before = await flowOf('closure-override')
    const bad = await h.call('PUT', '/approval-flows/closure-override', {
      token: adminToken,
      body: {
        version: before.version,
        enabled: true,
        steps: [
          { name: 'A', approverKind: 'role', approverId: randomUUID() },
          { name: 'B', approverKind: 'user' },
          { name: 'C', approverKind: 'user', approverId: randomUUID() },
        ],
      },
    })
    expectProblem(bad, 400)
    expect(fieldCodes(bad)).toEqual({
      'steps.0.approverId': 'admin.approval.unknown_role',
      'steps.1.approverId': 'admin.approval.approver_required',
      'steps.2.approverId': 'admin.approval.unknown_user',
    })
    const saved = await saveFlow('closure-override', [
      { name: 'Head', approverKind: 'dept-head', mode: 'all' },
    ])
    expect(saved).toMatchObject({
      version: before.version + 1,
      enabled: true,
      updatedByName: expect.any(String),
    })
    const stale = await h.call('PUT', '/approval-flows/closure-override', {
      token: adminToken,
      body: { version: before.version, enabled: true, steps: [] },
    })
    expect(expectProblem(stale, 409)).toMatchObject({
      code: 'admin.approval.flow_stale',
      params: { current: before.version + 1 },
    })
    const versions = await h.call('GET', '/approval-flows/closure-override/versions', { token: adminToken })
    expect(versions.body.map((f: admin.ApprovalFlow) => f.version)).toEqual([
      before.version + 1,
      before.version,
    ])
    const audit = await h.service.db.dataSource.query(
      "SELECT action FROM audit_log WHERE entity_type = 'approval_flow' AND entity_id = 'closure-override'",
    )
    expect(audit).toEqual([{ action: 'update' }])
  })

  test('flows need admin.approval-flow.read / .update', async () => {
    const reader = await h.userWith(adminToken, {
      username: uniq('flowread'),
      permissions: ['admin.approval-flow.read'],
    })
    expect((await h.call('GET', '/approval-flows', { token: reader.token })).status).toBe(200)
    const put = await h.call('PUT', '/approval-flows/quote', {
      token: reader.token,
      body: { version: 1, enabled: true, steps: [] },
    })
    expectProblem(put, 403)
    const nobody = await person()
    expectProblem(await h.call('GET', '/approval-flows', { token: nobody.token }), 403)
  })
})

describe('routing', () => {
  test('role, any: every holder gets a task; the first approval completes the step and the instance', async () => {
    const r = await role()
    const [a, b] = [await person({ roleIds: [r] }), await person({ roleIds: [r] })]
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Finance', approverKind: 'role', approverId: r, mode: 'any' }])
    const inst = await submit({ docType: 'payment', submitter })
    expect(inst).toMatchObject({ status: 'pending', currentStep: 0 })
    expect(approverIds(inst, 0)).toEqual([a.id, b.id].sort())
    expect(await notificationsOf(a.id, 'approval_task')).toEqual([
      expect.objectContaining({ link: '/approvals', entity_id: inst.id }),
    ])
    expect((await h.call('GET', '/approvals/counts', { token: b.token })).body).toEqual({ todo: 1 })

    const task = (await taskOf(a, inst.id))!
    expect(task).toMatchObject({ stepName: 'Finance', status: 'pending', docTitle: 'Secret deal title' })
    const res = await approve(a, task.id, 'fine')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'approved', comment: 'fine', instanceStatus: 'approved' })

    const after = await read(submitter, inst.id)
    expect(after.status).toBe('approved')
    expect(after.steps[0]!.approvers.map((x) => x.status).sort()).toEqual(['approved', 'cancelled'])
    expect(await taskOf(b, inst.id)).toBeUndefined()
    expect((await h.call('GET', '/approvals/counts', { token: b.token })).body).toEqual({ todo: 0 })
    expect(await decidedEvents(inst.id)).toEqual([
      expect.objectContaining({
        outcome: 'approved',
        decidedById: a.id,
        docType: 'payment',
        comment: 'fine',
      }),
    ])
    expect(await notificationsOf(submitter.id, 'approval_approved')).toEqual([
      expect.objectContaining({ link: '/orders/contracts?open=1' }),
    ])
    const done = await h.call('GET', '/approvals/tasks?box=done', { token: a.token })
    expect(done.body.items.map((t: admin.ApprovalTask) => t.id)).toContain(task.id)
  })

  test('role, all: every approver must approve; a task decided twice is refused', async () => {
    const r = await role()
    const [a, b] = [await person({ roleIds: [r] }), await person({ roleIds: [r] })]
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Both', approverKind: 'role', approverId: r, mode: 'all' }])
    const inst = await submit({ docType: 'payment', submitter })
    const ta = (await taskOf(a, inst.id))!
    expect((await approve(a, ta.id)).status).toBe(200)
    expect((await read(submitter, inst.id)).status).toBe('pending')
    expect(expectProblem(await approve(a, ta.id), 409).code).toBe('admin.approval.task_not_pending')
    expect(await decidedEvents(inst.id)).toEqual([])
    expect((await approve(b, (await taskOf(b, inst.id))!.id)).status).toBe(200)
    expect((await read(submitter, inst.id)).status).toBe('approved')
    expect(await decidedEvents(inst.id)).toHaveLength(1)
  })

  test('user step; someone else cannot decide the task (404)', async () => {
    const u = await person()
    const other = await person()
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Named', approverKind: 'user', approverId: u.id }])
    const inst = await submit({ docType: 'payment', submitter })
    expect(approverIds(inst, 0)).toEqual([u.id])
    const task = (await taskOf(u, inst.id))!
    expect(expectProblem(await approve(other, task.id), 404).code).toBe('admin.approval.task_not_found')
    expect(expectProblem(await approve(submitter, task.id), 404).code).toBe('admin.approval.task_not_found')
  })

  test('department head: the leader, walking up when there is none or the leader is the submitter', async () => {
    const topLeader = await person()
    const top = await dept(rootDept, topLeader.id)
    const middle = await dept(top) // no leader
    const bottomLeader = await person({ deptId: middle })
    const bottom = await dept(middle, bottomLeader.id)
    await saveFlow('closure', [{ name: 'Head', approverKind: 'dept-head' }])

    const rep = await person({ deptId: bottom })
    expect(
      approverIds(await submit({ docType: 'closure', submitter: rep, submitterDeptId: bottom }), 0),
    ).toEqual([bottomLeader.id])
    // No leader in the middle department: its parent's.
    const midRep = await person({ deptId: middle })
    expect(
      approverIds(await submit({ docType: 'closure', submitter: midRep, submitterDeptId: middle }), 0),
    ).toEqual([topLeader.id])
    // The leader submits: the head above (middle has none, so top's).
    expect(
      approverIds(await submit({ docType: 'closure', submitter: bottomLeader, submitterDeptId: bottom }), 0),
    ).toEqual([topLeader.id])
  })

  test('amount conditions: a step above an amount applies only above it (decimal compare)', async () => {
    const leader = await person()
    const d = await dept(rootDept, leader.id)
    const rep = await person({ deptId: d })
    await saveFlow('contract', [
      { name: 'Head', approverKind: 'dept-head' },
      { name: 'Boss', approverKind: 'user', approverId: adminId, amountAbove: '1000000' },
    ])
    const at = await submit({ docType: 'contract', submitter: rep, submitterDeptId: d, amount: '1000000.00' })
    expect(at.steps.map((s) => s.status)).toEqual(['pending', 'skipped'])
    expect((await approve(leader, (await taskOf(leader, at.id))!.id)).status).toBe(200)
    expect((await read(rep, at.id)).status).toBe('approved')

    const above = await submit({
      docType: 'contract',
      submitter: rep,
      submitterDeptId: d,
      amount: '1000000.01',
    })
    expect(above.steps.map((s) => s.status)).toEqual(['pending', 'waiting'])
    expect((await approve(leader, (await taskOf(leader, above.id))!.id)).status).toBe(200)
    const second = await read(rep, above.id)
    expect(second).toMatchObject({ status: 'pending', currentStep: 1 })
    expect(approverIds(second, 1)).toEqual([adminId])
  })

  test('a step that resolves to nobody goes to the super administrators, and the history says so', async () => {
    const emptyRole = await role()
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Nobody', approverKind: 'role', approverId: emptyRole }])
    const inst = await submit({ docType: 'payment', submitter })
    expect(approverIds(inst, 0)).toEqual([adminId])
    expect(inst.history.map((e) => e.action)).toEqual(['submitted', 'fallback'])
    expect(inst.history[1]).toMatchObject({ stepName: 'Nobody' })
  })

  test('no applicable step or a disabled flow approves at once', async () => {
    const submitter = await person()
    await saveFlow('payment', [
      { name: 'Big', approverKind: 'user', approverId: adminId, amountAbove: '500' },
    ])
    const small = await submit({ docType: 'payment', submitter, amount: '499.99' })
    expect(small).toMatchObject({ status: 'approved', decidedAt: expect.any(String) })
    expect(small.history.map((e) => e.action)).toEqual(['submitted', 'auto-approved'])
    expect(await decidedEvents(small.id)).toEqual([
      expect.objectContaining({ outcome: 'approved', decidedById: null }),
    ])

    await saveFlow('payment', [{ name: 'Any', approverKind: 'user', approverId: adminId }], false)
    const off = await submit({ docType: 'payment', submitter, amount: '999999' })
    expect(off.status).toBe('approved')
    expect(off.history.map((e) => e.action)).toEqual(['submitted', 'auto-approved'])
  })
})

describe('decisions', () => {
  test('reject needs a comment, rejects the instance and cancels the other tasks', async () => {
    const r = await role()
    const [a, b] = [await person({ roleIds: [r] }), await person({ roleIds: [r] })]
    const submitter = await person()
    await saveFlow('payment', [{ name: 'All', approverKind: 'role', approverId: r, mode: 'all' }])
    const inst = await submit({ docType: 'payment', submitter })
    const ta = (await taskOf(a, inst.id))!
    expectProblem(await h.call('POST', `/approvals/tasks/${ta.id}/reject`, { token: a.token, body: {} }), 400)
    const res = await reject(a, ta.id, 'too expensive')
    expect(res.status).toBe(200)
    const after = await read(submitter, inst.id)
    expect(after.status).toBe('rejected')
    expect(after.steps[0]!.status).toBe('rejected')
    expect(after.history.at(-1)).toMatchObject({ action: 'rejected', comment: 'too expensive' })
    expect(await taskOf(b, inst.id)).toBeUndefined()
    expect(await decidedEvents(inst.id)).toEqual([
      expect.objectContaining({ outcome: 'rejected', comment: 'too expensive', decidedById: a.id }),
    ])
    const tb = await h.service.db.dataSource.query(
      'SELECT id FROM approval_task WHERE instance_id = $1 AND assignee_id = $2',
      [inst.id, b.id],
    )
    expect(expectProblem(await approve(b, tb[0].id), 409)).toMatchObject({
      code: 'admin.approval.not_pending',
      params: { status: 'rejected' },
    })
  })

  test('withdraw: only the submitter, only while pending; its tasks can no longer be decided', async () => {
    const u = await person()
    const submitter = await person()
    const stranger = await person()
    await saveFlow('payment', [{ name: 'Named', approverKind: 'user', approverId: u.id }])
    const inst = await submit({ docType: 'payment', submitter })
    const task = (await taskOf(u, inst.id))!
    const withdraw = (who: Person) =>
      h.call('POST', `/approvals/instances/${inst.id}/withdraw`, {
        token: who.token,
        body: { comment: 'oops' },
      })
    expect(expectProblem(await withdraw(u), 403).code).toBe('admin.approval.not_submitter')
    expect(expectProblem(await withdraw(stranger), 404).code).toBe('admin.approval.not_found')
    const res = await withdraw(submitter)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'withdrawn' })
    expect(res.body.steps[0].approvers[0].status).toBe('cancelled')
    expect(expectProblem(await withdraw(submitter), 409).code).toBe('admin.approval.not_pending')
    expect(expectProblem(await approve(u, task.id), 409).code).toBe('admin.approval.not_pending')
    expect(await decidedEvents(inst.id)).toEqual([
      expect.objectContaining({ outcome: 'withdrawn', decidedById: submitter.id, comment: 'oops' }),
    ])
  })

  test('a flow saved while an instance is in flight does not change its steps', async () => {
    const [u1, u2, u3] = [await person(), await person(), await person()]
    const submitter = await person()
    await saveFlow('payment', [
      { name: 'First', approverKind: 'user', approverId: u1.id },
      { name: 'Second', approverKind: 'user', approverId: u2.id },
    ])
    const inst = await submit({ docType: 'payment', submitter })
    const version = inst.flowVersion
    await saveFlow('payment', [{ name: 'Only', approverKind: 'user', approverId: u3.id }])
    expect((await approve(u1, (await taskOf(u1, inst.id))!.id)).status).toBe(200)
    const after = await read(submitter, inst.id)
    expect(after).toMatchObject({ status: 'pending', currentStep: 1, flowVersion: version })
    expect(after.steps.map((s) => s.name)).toEqual(['First', 'Second'])
    expect(approverIds(after, 1)).toEqual([u2.id])
    expect(await taskOf(u3, inst.id)).toBeUndefined()
  })

  test('a requested event delivered twice (same requestId) makes one instance', async () => {
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Named', approverKind: 'user', approverId: adminId }])
    const requestId = randomUUID()
    const first = envelope({ docType: 'payment', submitter }, requestId)
    await deliver(first)
    await deliver({ ...first, id: randomUUID() })
    await deliver(first)
    const rows = await h.service.db.dataSource.query(
      'SELECT id FROM approval_instance WHERE request_id = $1',
      [requestId],
    )
    expect(rows).toHaveLength(1)
    const tasks = await h.service.db.dataSource.query('SELECT 1 FROM approval_task WHERE instance_id = $1', [
      rows[0].id,
    ])
    expect(tasks).toHaveLength(1)
  })

  test('two concurrent approvals of an all-of step: approved exactly once, one decided event', async () => {
    const r = await role()
    const people = [
      await person({ roleIds: [r] }),
      await person({ roleIds: [r] }),
      await person({ roleIds: [r] }),
    ]
    const submitter = await person()
    await saveFlow('payment', [{ name: 'All', approverKind: 'role', approverId: r, mode: 'all' }])
    for (let round = 0; round < 3; round++) {
      const inst = await submit({ docType: 'payment', submitter })
      const tasks = await Promise.all(people.map(async (p) => (await taskOf(p, inst.id))!))
      const answers = await Promise.all(people.map((p, i) => approve(p, tasks[i]!.id)))
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
      const after = await read(submitter, inst.id)
      expect(after.status).toBe('approved')
      expect(after.steps[0]!.approvers.map((a) => a.status)).toEqual(['approved', 'approved', 'approved'])
      expect(await decidedEvents(inst.id)).toHaveLength(1)
    }
  })

  test('a withdraw racing an approval gives one consistent outcome', async () => {
    const u = await person()
    const submitter = await person()
    await saveFlow('payment', [{ name: 'Named', approverKind: 'user', approverId: u.id }])
    const inst = await submit({ docType: 'payment', submitter })
    const task = (await taskOf(u, inst.id))!
    const [a, w] = await Promise.all([
      approve(u, task.id),
      h.call('POST', `/approvals/instances/${inst.id}/withdraw`, { token: submitter.token, body: {} }),
    ])
    expect([a.status, w.status].sort()).toEqual([200, 409])
    const events = await decidedEvents(inst.id)
    expect(events).toHaveLength(1)
    expect((await read(submitter, inst.id)).status).toBe(events[0]!.outcome)
  })
})

describe('reads', () => {
  test('submitter, assignee and data scope read a submission; another rep gets 404 and no title', async () => {
    const d = await dept(rootDept)
    const u = await person()
    const rep = await person({ deptId: d })
    const otherRep = await h.userWith(adminToken, {
      username: uniq('other_rep'),
      permissions: [],
      dataScope: 'self',
      deptId: d,
    })
    const manager = await h.userWith(adminToken, {
      username: uniq('mgr'),
      permissions: [],
      dataScope: 'dept',
      deptId: d,
    })
    const outsider = await h.userWith(adminToken, {
      username: uniq('outsider'),
      permissions: [],
      dataScope: 'dept',
      deptId: rootDept,
    })
    await saveFlow('payment', [{ name: 'Named', approverKind: 'user', approverId: u.id }])
    const inst = await submit({ docType: 'payment', submitter: rep, submitterDeptId: d })
    const other = { id: otherRep.user.id, token: otherRep.token }

    await read(u, inst.id)
    await read({ id: manager.user.id, token: manager.token }, inst.id)
    for (const who of [other, { id: outsider.user.id, token: outsider.token }]) {
      const res = await h.call('GET', `/approvals/instances/${inst.id}`, { token: who.token })
      expect(expectProblem(res, 404).code).toBe('admin.approval.not_found')
      expect(JSON.stringify(res.body)).not.toContain('Secret deal title')
      const hist = await h.call('GET', `/approvals/history?docType=payment&docId=${inst.docId}`, {
        token: who.token,
      })
      expect(expectProblem(hist, 404).code).toBe('admin.approval.not_found')
      expect(JSON.stringify(hist.body)).not.toContain('Secret deal title')
    }
    const hist = await h.call('GET', `/approvals/history?docType=payment&docId=${inst.docId}`, {
      token: rep.token,
    })
    expect(hist.status).toBe(200)
    expect(hist.body.map((i: admin.ApprovalInstance) => i.id)).toEqual([inst.id])
    const mine = await h.call('GET', '/approvals/mine?status=pending&docType=payment', { token: rep.token })
    expect(mine.body.items.map((i: admin.ApprovalInstance) => i.id)).toEqual([inst.id])
    const theirs = await h.call('GET', '/approvals/mine', { token: other.token })
    expect(theirs.body.items).toEqual([])
    const todo = await h.call('GET', `/approvals/tasks?q=${encodeURIComponent(inst.docNumber)}`, {
      token: u.token,
    })
    expect(todo.body.items.map((t: admin.ApprovalTask) => t.instanceId)).toEqual([inst.id])
    expect((await h.call('GET', '/approvals/tasks', { token: other.token })).body.items).toEqual([])
  })
})
