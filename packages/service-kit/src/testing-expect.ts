import { expect } from 'vitest'

/**
 * Problem+json assertions shared by every service's HTTP tests. A separate subpath from
 * `./testing` because it imports vitest, which only test code may load.
 */

/**
 * A parsed JSON reply as HTTP tests read it: field by field, each read checked by an assertion. The one deliberately
 * untyped value of the test harnesses; service code never sees it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type ReplyBody = any

/** What a service test harness answers with: status, headers and the parsed body. */
export interface ProblemReply {
  status: number
  headers: Headers
  body: ReplyBody
}

/** Asserts an RFC 9457 problem answer with `status` (content type, shape, request id). */
export function expectProblem(res: ProblemReply, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  })
  expect(res.body.requestId).toEqual(expect.any(String))
  expect(res.body.requestId.length).toBeGreaterThan(0)
  return res.body as {
    type: string
    title: string
    status: number
    detail: string
    requestId: string
    errors?: Array<{ field: string; message: string }>
    /** The record as it is now (a 412), and any other extension member (`limit`, `availableAt`, …). */
    current?: ReplyBody
    [extension: string]: ReplyBody
  }
}

/** The field errors of a 400/409 answer, by field. */
export function fieldErrors(res: ProblemReply): Record<string, string> {
  return Object.fromEntries(
    ((res.body?.errors ?? []) as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]),
  )
}

/** `{ field: code }` of a 400's per-field errors: what clients translate, so what tests pin. */
export function fieldCodes(res: ProblemReply): Record<string, string> {
  return Object.fromEntries(
    ((res.body?.errors ?? []) as Array<{ field: string; code: string }>).map((e) => [e.field, e.code]),
  )
}

/** `"<version>"` for If-Match. */
export const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` })

/**
 * `{ id: 'ok' | code }` of a bulk answer (批量操作), so a test pins every record's outcome at once.
 * Also checks what every bulk answer must be: 200, one result per id, the tallies, and no title
 * for a refused record (an id outside the caller's scope must not name its record).
 */
export function bulkOutcomes(res: ProblemReply): Record<string, string> {
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const results = res.body.results as Array<{ id: string; ok: boolean; title: string | null; code?: string }>
  for (const r of results) if (!r.ok) expect(r.title, JSON.stringify(r)).toBeNull()
  const succeeded = results.filter((r) => r.ok).length
  expect(res.body).toMatchObject({ succeeded, failed: results.length - succeeded })
  return Object.fromEntries(results.map((r) => [r.id, r.ok ? 'ok' : String(r.code)]))
}
