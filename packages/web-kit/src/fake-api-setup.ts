import { vi } from 'vitest'

// Tests never reach the network: `api` is the fake each test stubs (`fakeHttp` from test-utils).
// The path is this package's entry, the module every `@mosaic/web-kit` import of a remote resolves to.
vi.mock('./index.ts', async (original) => ({
  ...(await original<object>()),
  api: (await import('./test-utils')).fakeHttp,
}))
