import { vi } from 'vitest'

// Tests never reach the network: `api` is the fake each test stubs (`http` from test-support).
vi.mock('@mosaic/web-kit', async (original) => ({
  ...(await original<object>()),
  api: (await import('./test-api')).http,
}))
