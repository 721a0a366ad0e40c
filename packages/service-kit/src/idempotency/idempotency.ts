import { createHash } from 'node:crypto'
import type { Request, Response } from 'express'
import type { EntityManager } from 'typeorm'
import { finance } from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { fieldError, problem, validationFailed } from '../errors.js'

/** How long a key is remembered: a retry later than this is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24
/** Set on an answer that repeats the one stored for the key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed'

export interface IdempotentCall {
  req: Request
  res: Response
  /** The route (`POST /payments`); with the caller's id it names the key's scope. */
  route: string
  callerId: string
  /** The parsed body: its canonical JSON is the request's fingerprint. */
  body: unknown
  /** The route's success status, stored with the answer (a replay answers with the route's status, the same). */
  status: number
}

/** JSON with object keys sorted, so the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value ?? null)
}

/** The `Idempotency-Key` header: required and 8–128 visible ASCII characters. */
export function idempotencyKeyOf(req: Request): string {
  const field = `headers.${finance.IDEMPOTENCY_KEY_HEADER}`
  const raw = req.headers[finance.IDEMPOTENCY_KEY_HEADER.toLowerCase()]
  if (raw === undefined || raw === '') throw validationFailed([fieldError(field, 'idempotency.key_required')])
  const parsed = finance.IdempotencyKey.safeParse(raw)
  if (!parsed.success) throw validationFailed([fieldError(field, 'idempotency.key_invalid')])
  return parsed.data
}

interface StoredKey {
  request_hash: string
  status: number
  response: unknown
}

/**
 * Runs a write at most once per key (decision 79). In the write's own transaction the key is
 * claimed with `INSERT … ON CONFLICT DO NOTHING`: a concurrent request with the same key waits on
 * the uncommitted row, then finds it and replays the stored answer (`Idempotent-Replayed: true`)
 * — or gets 422 `idempotency.key_reused` when its body differs. The answer is stored before the
 * commit, so a write that fails leaves no key behind and may be retried with the same one.
 */
export async function runIdempotent<T>(
  db: Database,
  call: IdempotentCall,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(call.req)
  const scope = `${call.route}:${call.callerId}`
  const hash = createHash('sha256').update(canonical(call.body)).digest('hex')
  return db.transaction(async (m) => {
    await m.query(`DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`, [
      IDEMPOTENCY_TTL_HOURS,
    ])
    const claimed = await m.query(
      `INSERT INTO idempotency_key (scope, key, request_hash, status) VALUES ($1, $2, $3, 0)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash],
    )
    if (!claimed.length) return replay(m, call, scope, key, hash) as Promise<T>
    const result = await work(m)
    await m.query('UPDATE idempotency_key SET status = $3, response = $4 WHERE scope = $1 AND key = $2', [
      scope,
      key,
      call.status,
      JSON.stringify(result ?? null),
    ])
    return result
  })
}

async function replay(m: EntityManager, call: IdempotentCall, scope: string, key: string, hash: string) {
  const [stored] = (await m.query(
    'SELECT request_hash, status, response FROM idempotency_key WHERE scope = $1 AND key = $2',
    [scope, key],
  )) as StoredKey[]
  // Gone between the conflict and this read only if it expired meanwhile: treat it as reused.
  if (!stored || stored.request_hash !== hash) throw problem(422, 'idempotency.key_reused')
  call.res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true')
  return stored.response
}
