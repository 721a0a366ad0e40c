import type { EventEnvelope } from '@mosaic/schemas'
import { signServiceToken } from './service-token.js'

export const INTERNAL_TIMEOUT_MS = 5_000

export interface ServiceClientOptions {
  /** This service's name: the token's issuer. */
  source: string
  /** name → base URL (e.g. `http://localhost:3001`). */
  peers: Record<string, string>
  /** SERVICE_SECRET; without it every call fails with "not configured". */
  secret: string | undefined
  timeoutMs?: number
}

export interface InternalFetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
  headers?: Record<string, string>
  timeoutMs?: number
}

/** Calls other services' `/api/<peer>/internal/*` endpoints with a fresh service token. */
export interface ServiceClient {
  /** Peers with a configured URL. */
  readonly peers: readonly string[]
  /** `path` is relative to `/api/<peer>/internal`, e.g. `/snapshot`. Resolves with the parsed JSON body. */
  internalFetch<T = unknown>(peer: string, path: string, init?: InternalFetchInit): Promise<T>
}

/** A call to a peer failed: not configured, unreachable, timed out, or answered non-2xx (`status`). */
export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly peer: string,
    readonly status?: number,
    readonly problem?: unknown,
  ) {
    super(message)
    this.name = 'ServiceCallError'
  }
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const timeoutDefault = options.timeoutMs ?? INTERNAL_TIMEOUT_MS
  return {
    peers: Object.keys(options.peers),
    async internalFetch<T>(peer: string, path: string, init: InternalFetchInit = {}): Promise<T> {
      const base = options.peers[peer]
      if (!options.secret)
        throw new ServiceCallError('service-to-service calls are not configured (SERVICE_SECRET)', peer)
      if (!base)
        throw new ServiceCallError(`no URL configured for ${peer} (${peer.toUpperCase()}_SERVICE_URL)`, peer)
      const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
      const url = `${base}/api/${peer}/internal${path.startsWith('/') ? path : `/${path}`}`
      const what = `${method} ${url}`
      const timeoutMs = init.timeoutMs ?? timeoutDefault
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...init.headers,
        authorization: `Bearer ${await signServiceToken(options.secret, options.source)}`,
      }
      if (init.body !== undefined) headers['content-type'] = 'application/json'
      let res: Response
      let text: string
      try {
        res = await fetch(url, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(timeoutMs),
        })
        text = await res.text()
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError'
        const reason = timedOut ? `no answer within ${timeoutMs} ms` : causeOf(error)
        throw new ServiceCallError(`${peer} unreachable: ${what}: ${reason}`, peer)
      }
      const body = parseJson(text)
      if (!res.ok) {
        const detail = (body as { detail?: unknown } | undefined)?.detail
        const suffix = typeof detail === 'string' ? `: ${detail}` : ''
        throw new ServiceCallError(
          `${peer} answered ${res.status} to ${what}${suffix}`,
          peer,
          res.status,
          body,
        )
      }
      return body as T
    },
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

/** Delivers one envelope to one subscriber; throws when it was not accepted (the dispatcher retries). */
export interface EventTransport {
  send(subscriber: string, envelope: EventEnvelope): Promise<void>
}

/** POSTs envelopes to `<peer URL>/api/<peer>/internal/events` with a service token. */
export function httpTransport(options: ServiceClientOptions): EventTransport {
  const client = createServiceClient(options)
  return {
    async send(subscriber, envelope) {
      await client.internalFetch(subscriber, '/events', { method: 'POST', body: envelope })
    },
  }
}
