import type { Problem } from '@mosaic/schemas'
import { fieldMessages, problemMessage } from './problems'

/** A non-2xx answer (or a network failure, status 0) turned into the problem+json the services speak. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail || problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.problem = problem
  }

  /** First message per field path (`label.zh`) in the reader's language, ready for `el-form-item :error`. */
  get fieldErrors(): Record<string, string> {
    return fieldMessages(this.problem.errors)
  }

  /** What the user reads: the problem's code in their language, else the server's detail. */
  get userMessage(): string {
    return problemMessage(this.problem)
  }
}

export interface RequestOptions {
  query?: Record<string, unknown>
  /** The record version the user saw; sent as `If-Match: "<version>"`. */
  ifMatch?: number
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface ApiClient {
  get<T>(path: string, opts?: RequestOptions): Promise<T>
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>
  patch<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T>
  put<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T>
  delete<T = void>(path: string, opts?: RequestOptions): Promise<T>
  /** POSTs a file as the raw body, its type as Content-Type (unless `opts.headers` names one). */
  upload<T>(path: string, file: Blob, opts?: RequestOptions): Promise<T>
  /** GETs the answer's bytes (a download) with the same credentials and refresh as every call. */
  blob(path: string, opts?: RequestOptions): Promise<Blob>
  /** Like `blob`, with the file name the answer's Content-Disposition gives (an export, a template). */
  download(path: string, opts?: RequestOptions): Promise<DownloadedFile>
}

/** A downloaded file: its bytes and the name the server chose (null when it named none). */
export interface DownloadedFile {
  blob: Blob
  fileName: string | null
}

/**
 * The file name of a Content-Disposition header: the RFC 5987 `filename*=UTF-8''…` form first
 * (it carries non-ASCII names such as 客户.xlsx), then the plain `filename="…"`.
 */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!.trim().replace(/^"|"$/g, ''))
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition)
  if (!plain) return null
  return (plain[2] ?? plain[1]!).trim() || null
}

/** How the client obtains and renews credentials; the auth store plugs itself in here. */
export interface AuthBridge {
  getToken(): string | null
  /** Renews the access token (refresh cookie); resolves false when the session is gone. */
  refresh(): Promise<boolean>
}

export interface ApiClientConfig {
  baseUrl?: string
  /** The staff session's bridge (token + refresh on 401); the page's `api` uses it. */
  auth?: () => AuthBridge | null
  /**
   * A credential of another kind (the customer portal's token): sent as the bearer token, never
   * refreshed. Used instead of `auth`, not with it.
   */
  token?: () => string | null
  /**
   * Called when a request that carried `token` answers 401 (the session is over), before the
   * error is thrown. A call sent without a token (a login) is the caller's own to answer.
   */
  onUnauthorized?: (error: ApiError) => void
  fetch?: typeof fetch
}

// Endpoints whose 401 means "wrong credentials / no session", never "token expired". They never get
// the access token either: an outdated one would be refused and block the very call renewing it.
const NO_REFRESH = /\/api\/admin\/auth\/(login|refresh|logout)$/

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, raw] of Object.entries(query)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (value === undefined || value === null || value === '') continue
      params.append(key, value instanceof Date ? value.toISOString() : String(value))
    }
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function toApiError(res: Response): Promise<ApiError> {
  const fallback: Problem = {
    type: 'about:blank',
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
  }
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text) as Partial<Problem>
    if (body && typeof body === 'object' && typeof body.title === 'string') {
      return new ApiError({ ...fallback, ...body, status: res.status })
    }
  } catch {
    // Not JSON (e.g. a gateway's HTML error page): keep the status-based problem.
  }
  return new ApiError(fallback)
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204 || res.status === 205) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  return (type.includes('json') ? JSON.parse(text) : text) as T
}

/** How an answer is read: JSON/text, the bytes, or the bytes with their file name. */
type Answer = 'parsed' | 'blob' | 'file'

async function readAnswer<T>(res: Response, as: Answer): Promise<T> {
  if (as === 'parsed') return parseBody<T>(res)
  const blob = await res.blob()
  if (as === 'blob') return blob as T
  const file: DownloadedFile = { blob, fileName: fileNameOf(res.headers.get('content-disposition')) }
  return file as T
}

export function createApiClient(config: ApiClientConfig = {}): ApiClient {
  const baseUrl = config.baseUrl ?? ''
  const doFetch = (input: string, init: RequestInit) => (config.fetch ?? globalThis.fetch)(input, init)

  async function send(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    token: string | null,
  ) {
    const raw = body instanceof Blob
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...opts.headers,
    }
    if (raw) headers['Content-Type'] ??= body.type || 'application/octet-stream'
    else if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `Bearer ${token}`
    if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`
    try {
      return await doFetch(baseUrl + path + buildQuery(opts.query), {
        method,
        headers,
        // A Blob can be sent again as it is when the request is retried after a refresh.
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
        credentials: 'include',
        signal: opts.signal,
      })
    } catch (err) {
      if ((err as { name?: string })?.name === 'AbortError') throw err
      throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(err) })
    }
  }

  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions = {},
    as: Answer = 'parsed',
  ): Promise<T> {
    if (config.token) return withOwnToken<T>(config.token(), method, path, body, opts, as)
    const bridge = config.auth?.() ?? null
    const sessionCall = NO_REFRESH.test(path)
    const token = sessionCall ? null : (bridge?.getToken() ?? null)
    let res = await send(method, path, body, opts, token)
    if (res.status === 401 && bridge && !sessionCall) {
      // Another request may already have renewed the token while this one was in flight.
      const current = bridge.getToken()
      const renewed = current && current !== token ? true : await bridge.refresh()
      if (renewed) res = await send(method, path, body, opts, bridge.getToken())
    }
    if (!res.ok) throw await toApiError(res)
    return readAnswer<T>(res, as)
  }

  /** One try with the caller's own token: no refresh, a 401 on a signed call ends that session. */
  async function withOwnToken<T>(
    token: string | null,
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    as: Answer,
  ): Promise<T> {
    const res = await send(method, path, body, opts, token)
    if (!res.ok) {
      const error = await toApiError(res)
      if (res.status === 401 && token) config.onUnauthorized?.(error)
      throw error
    }
    return readAnswer<T>(res, as)
  }

  return {
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
    upload: (path, file, opts) => request('POST', path, file, opts),
    blob: (path, opts) =>
      request('GET', path, undefined, { ...opts, headers: { Accept: '*/*', ...opts?.headers } }, 'blob'),
    download: (path, opts) =>
      request('GET', path, undefined, { ...opts, headers: { Accept: '*/*', ...opts?.headers } }, 'file'),
  }
}

let bridge: AuthBridge | null = null
let refreshing: Promise<boolean> | null = null

/**
 * Registers the page's credential source (the auth store does this). Refreshes are
 * de-duplicated here: the refresh token rotates, so two parallel refreshes would make
 * the server see a reused token and revoke the whole session.
 */
export function setAuthBridge(next: AuthBridge | null): void {
  bridge = next && {
    getToken: () => next.getToken(),
    refresh: () => (refreshing ??= next.refresh().finally(() => (refreshing = null))),
  }
}

/** Same as the api's own on-401 refresh; shared with it so page-load restore and a 401 never race. */
export function refreshSession(): Promise<boolean> {
  return bridge ? bridge.refresh() : Promise.resolve(false)
}

/** The page's one client: same origin, JSON, bearer token, one shared refresh on 401. */
export const api: ApiClient = createApiClient({ auth: () => bridge })
