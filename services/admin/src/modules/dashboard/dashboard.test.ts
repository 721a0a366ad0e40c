import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventEnvelope, type Dashboard } from '@mosaic/schemas'
import { receiveEvent } from '@mosaic/service-kit'
import { expectFiguresMatchLists } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { eventHandlers } from '../../events.js'

let h: AdminHarness
let adminToken: string
beforeAll(async () => {
  ;({ h, adminToken } = await startSignedIn())
})
afterAll(() => h?.close())

type Person = { id: string; token: string }
let seq = 0

async function person(roleIds: string[] = []): Promise<Person> {
  const username = `dash_u${++seq}`
  const res = await h.call('POST', '/users', {
    token: adminToken,
    body: { username, displayName: `Name ${username}`, password: 'password-123', roleIds, deptId: null },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.id, token: await h.login(username, 'password-123') }
}

/** A payment submitted for approval by `submitter`, as orders' event would bring it. */
function submit(submitter: Person) {
  const envelope = EventEnvelope.parse({
    id: randomUUID(),
    topic: 'orders.approval.requested',
    source: 'orders',
    occurredAt: new Date().toISOString(),
    actorId: submitter.id,
    payload: {
      requestId: randomUUID(),
      service: 'orders',
      docType: 'payment',
      docId: randomUUID(),
      docNumber: `DOC-${++seq}`,
      docTitle: 'A payment',
      amount: '100.00',
      link: '/finance/payments?open=1',
      submitterId: submitter.id,
      submitterName: 'Submitter',
      submitterDeptId: null,
      ownerId: submitter.id,
      deptId: null,
      comment: null,
    },
    notify: [],
  })
  return receiveEvent(h.service.db, eventHandlers, envelope)
}

describe('admin dashboard: approvals waiting for me', () => {
  let approver: Person
  let bystander: Person
  const apiPath = (appPath: string) => (appPath === '/approvals' ? '/approvals/tasks' : appPath)
  const dashboard = async (who: Person | string, query = ''): Promise<Dashboard> => {
    const token = typeof who === 'string' ? who : who.token
    const res = await h.call('GET', `/dashboard${query}`, { token })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  beforeAll(async () => {
    const role = await h.call('POST', '/roles', {
      token: adminToken,
      body: { code: 'dash_approver', name: 'Dash approver', permissions: [], dataScope: 'self' },
    })
    expect(role.status).toBe(201)
    approver = await person([role.body.id])
    bystander = await person()
    const flows = await h.call('GET', '/approval-flows', { token: adminToken })
    const current = flows.body.find((f: { docType: string }) => f.docType === 'payment')
    const saved = await h.call('PUT', '/approval-flows/payment', {
      token: adminToken,
      body: {
        version: current?.version ?? 0,
        enabled: true,
        steps: [{ name: 'Finance', approverKind: 'role', approverId: role.body.id, mode: 'any' }],
      },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const submitter = await person()
    await submit(submitter)
    await submit(submitter)
  })

  it('counts the caller’s pending tasks, equal to the approval centre’s to-do list', async () => {
    const mine = await dashboard(approver, '?month=2026-10')
    expect(mine.todo).toEqual([
      { key: 'admin.approvalsWaiting', count: 2, link: { path: '/approvals', query: { tab: 'todo' } } },
    ])
    expect([mine.figures, mine.mine, mine.trends, mine.funnel, mine.team]).toEqual([[], [], [], [], []])
    expect(mine.month).toBe('2026-10')
    for (const who of [approver, bystander]) {
      const d = await dashboard(who)
      await expectFiguresMatchLists({ call: h.call, token: who.token, apiPath }, d.todo)
    }
    expect((await dashboard(bystander)).todo[0]!.count).toBe(0)
    expect((await dashboard(adminToken)).todo[0]!.count).toBe(0)
  })

  it('drops a task once decided', async () => {
    const tasks = await h.call('GET', '/approvals/tasks?box=todo', { token: approver.token })
    const approve = await h.call('POST', `/approvals/tasks/${tasks.body.items[0].id}/approve`, {
      token: approver.token,
      body: {},
    })
    expect(approve.status, JSON.stringify(approve.body)).toBe(200)
    const d = await dashboard(approver)
    expect(d.todo[0]!.count).toBe(1)
    await expectFiguresMatchLists({ call: h.call, token: approver.token, apiPath }, d.todo)
  })

  it('answers 401 without a token and 400 on a bad month', async () => {
    expectProblem(await h.call('GET', '/dashboard'), 401)
    expectProblem(await h.call('GET', '/dashboard?month=2026-00', { token: approver.token }), 400)
  })
})
