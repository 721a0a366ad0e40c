// Test support: an in-memory admin approval engine behind the real api client's fetch.
import type { admin } from '@mosaic/schemas'
import { json, stubFetch, type Call } from '@mosaic/web-kit/test-utils'

const BASE = '/api/admin/approvals'

export function instance(id: string, over: Partial<admin.ApprovalInstance> = {}): admin.ApprovalInstance {
  return {
    id,
    service: 'orders',
    docType: 'quote',
    docId: `doc-${id}`,
    docNumber: `BJ20260301000${id.slice(-1)}`,
    docTitle: `华东电力报价 ${id}`,
    amount: '12000.5',
    link: `/sales/quotes?open=doc-${id}`,
    status: 'pending',
    flowVersion: 1,
    currentStep: 0,
    steps: [
      {
        name: '部门经理审批',
        mode: 'any',
        status: 'pending',
        approvers: [{ userId: 'u1', name: '王芳', status: 'pending' }],
      },
    ],
    submitterId: 's1',
    submitterName: '张伟',
    submittedAt: '2026-03-01T02:00:00Z',
    decidedAt: null,
    history: [
      { at: '2026-03-01T02:00:00Z', action: 'submitted', actorName: '张伟', stepName: null, comment: null },
    ],
    ...over,
  }
}

export function task(id: string, of: admin.ApprovalInstance, over: Partial<admin.ApprovalTask> = {}) {
  const { id: instanceId, service, docType, docId, docNumber, docTitle, amount, link } = of
  return {
    id,
    instanceId,
    service,
    docType,
    docId,
    docNumber,
    docTitle,
    amount,
    link,
    stepName: of.steps[0]?.name ?? '',
    status: 'pending',
    comment: null,
    decidedAt: null,
    submitterName: of.submitterName,
    submittedAt: of.submittedAt,
    instanceStatus: of.status,
    ...over,
  } satisfies admin.ApprovalTask
}

/** A refusal the next matching call answers with (then it works again). */
export interface Refusal {
  method: string
  path: RegExp
  status: number
  body: Record<string, unknown>
}

/**
 * The approval center's routes over `tasks` (the caller's, u1) and `instances`: lists filtered by
 * box, status, type and text; decisions and withdrawals change the state as the engine would.
 */
export function fakeApprovals(tasks: admin.ApprovalTask[], instances: admin.ApprovalInstance[]) {
  const refusals: Refusal[] = []
  const now = '2026-03-02T08:00:00Z'
  const page = <T>(items: T[]) =>
    json(200, { items, nextCursor: null, total: items.length, totalCapped: false })
  const matches = (q: URLSearchParams, r: { docType: string; docNumber: string; docTitle: string }) =>
    (!q.get('docType') || r.docType === q.get('docType')) &&
    (!q.get('q') || `${r.docNumber} ${r.docTitle}`.includes(q.get('q')!))

  function decide(t: admin.ApprovalTask, status: 'approved' | 'rejected', comment: string | null) {
    const i = instances.find((x) => x.id === t.instanceId)!
    Object.assign(t, { status, comment, decidedAt: now, instanceStatus: status })
    i.status = status
    i.currentStep = null
    i.decidedAt = now
    i.steps = i.steps.map((s) => ({
      ...s,
      status,
      approvers: s.approvers.map((a) => (a.userId === 'u1' ? { ...a, status } : a)),
    }))
    i.history = [...i.history, { at: now, action: status, actorName: '王芳', stepName: t.stepName, comment }]
    return json(200, t)
  }

  const { calls } = stubFetch((call: Call) => {
    const url = new URL(call.url, 'http://shell.test')
    const path = url.pathname
    const refusal = refusals.findIndex((r) => r.method === call.method && r.path.test(path))
    if (refusal >= 0) {
      const [r] = refusals.splice(refusal, 1)
      return json(r!.status, { type: 'about:blank', title: 'Refused', status: r!.status, ...r!.body })
    }
    const q = url.searchParams
    if (call.method === 'GET' && path === '/api/admin/notifications/unread-count')
      return json(200, { count: 0 })
    if (call.method === 'GET' && path === `${BASE}/counts`)
      return json(200, { todo: tasks.filter((t) => t.status === 'pending').length })
    if (call.method === 'GET' && path === `${BASE}/tasks`) {
      const box = q.get('box') ?? 'todo'
      return page(
        tasks.filter(
          (t) => (box === 'todo' ? t.status === 'pending' : t.status !== 'pending') && matches(q, t),
        ),
      )
    }
    if (call.method === 'GET' && path === `${BASE}/mine`)
      return page(instances.filter((i) => i.submitterId === 'u1' && matches(q, i)))
    const one = new RegExp(`^${BASE}/instances/([^/]+)$`).exec(path)
    if (call.method === 'GET' && one) {
      const found = instances.find((i) => i.id === one[1])
      return found ? json(200, found) : json(404, { type: 'about:blank', title: 'Not Found', status: 404 })
    }
    const decision = new RegExp(`^${BASE}/tasks/([^/]+)/(approve|reject)$`).exec(path)
    const t = decision && tasks.find((x) => x.id === decision[1])
    if (call.method === 'POST' && t) {
      const comment = (call.body as { comment?: string }).comment ?? null
      return decide(t, decision![2] === 'approve' ? 'approved' : 'rejected', comment)
    }
    const withdraw = new RegExp(`^${BASE}/instances/([^/]+)/withdraw$`).exec(path)
    const w = withdraw && instances.find((i) => i.id === withdraw[1])
    if (call.method === 'POST' && w) {
      Object.assign(w, { status: 'withdrawn', currentStep: null, decidedAt: now })
      w.history = [
        ...w.history,
        { at: now, action: 'withdrawn', actorName: '王芳', stepName: null, comment: null },
      ]
      return json(200, w)
    }
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404 })
  })

  return {
    calls,
    refusals,
    /** The calls to one path, with their query. */
    to: (path: string) =>
      calls
        .map((c) => ({ ...c, parsed: new URL(c.url, 'http://shell.test') }))
        .filter((c) => c.parsed.pathname === path)
        .map((c) => ({ method: c.method, query: Object.fromEntries(c.parsed.searchParams), body: c.body })),
  }
}
