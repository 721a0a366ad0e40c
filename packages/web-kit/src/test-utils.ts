import { vi } from 'vitest'

export interface Call {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  })
}

/** Installs a fetch stub driven by `handler`, recording every call. */
export function stubFetch(handler: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    return handler(call)
  })
  vi.stubGlobal('fetch', fn)
  return { calls, fn }
}

/**
 * A scripted stand-in for `api`, for tests that mock `@mosaic/web-kit`. `vi.mock` factories run
 * before imports, so create it in `vi.hoisted`:
 * `const http = await vi.hoisted(async () => (await import('@mosaic/web-kit/test-utils')).fakeApi())`.
 */
export function fakeApi() {
  return {
    get: vi.fn(),
    post: vi.fn(),
    patch: vi.fn(),
    put: vi.fn(),
    delete: vi.fn(),
    upload: vi.fn(),
    blob: vi.fn(),
    download: vi.fn(),
  }
}

/**
 * The fake transport behind `api` in the tests of a remote whose test config asks for it
 * (`defineRemoteTestConfig({ fakeApi: true })` installs `fake-api-setup.ts`): one per test file,
 * stubbed per test. Lives here, free of the package's own imports, so the mock factory can load it.
 */
export const fakeHttp = fakeApi()
