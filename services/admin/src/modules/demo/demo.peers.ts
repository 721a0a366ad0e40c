import type { ContractBody, ContractQuery, ContractResponse, RouteContract } from '@mosaic/schemas/contracts'
import { problem } from '@mosaic/service-kit'

/** A peer's answer that was not a success: the loader fails with it (the code and text the service gave). */
export class PeerRefusal extends Error {
  constructor(
    readonly route: string,
    readonly status: number,
    readonly code: string | null,
    detail: string,
  ) {
    super(`${route}: ${status} ${detail}`)
  }
}

export interface CallOptions<C extends RouteContract> {
  params?: Record<string, string>
  body?: ContractBody<C>
  query?: ContractQuery<C>
  ifMatch?: number
  idempotencyKey?: string
}

/**
 * Calls another service's public route, through its typed contract, as the user whose access token is
 * given: the peer applies its own permission, scope and invariants exactly as for a person on screen.
 */
export function peerCaller(peers: Record<string, string>) {
  return async function call<C extends RouteContract>(
    token: string,
    contract: C,
    o: CallOptions<C> = {},
  ): Promise<ContractResponse<C>> {
    const service = contract.path.split('/')[2]!
    const base = peers[service]
    if (!base) throw problem(503, 'admin.demo.peer_missing', { service })
    const path = contract.path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(o.params?.[name] ?? ''),
    )
    const query = o.query
      ? `?${new URLSearchParams(
          Object.entries(o.query as Record<string, unknown>)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]): [string, string] => [k, String(v)]),
        )}`
      : ''
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    if (o.ifMatch !== undefined) headers['if-match'] = `"${o.ifMatch}"`
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey
    const route = `${contract.method.toUpperCase()} ${contract.path}`
    let res: Response
    try {
      res = await fetch(`${base}${path}${query}`, {
        method: contract.method.toUpperCase(),
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(60_000),
      })
    } catch (err) {
      throw problem(503, 'admin.demo.peer_unavailable', { service, reason: (err as Error).message })
    }
    const text = await res.text()
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    if (!res.ok)
      throw new PeerRefusal(
        route,
        res.status,
        typeof json?.code === 'string' ? json.code : null,
        // Field errors say which value a peer refused: the log and the status need them.
        [String(json?.detail ?? json?.title ?? text), ...fieldErrorsOf(json)].join(' '),
      )
    return json as ContractResponse<C>
  }
}
export type PeerCall = ReturnType<typeof peerCaller>

function fieldErrorsOf(json: Record<string, unknown> | undefined): string[] {
  const errors = Array.isArray(json?.errors) ? (json.errors as Array<{ field?: string; code?: string }>) : []
  return errors.map((e) => `${e.field}: ${e.code}`)
}
