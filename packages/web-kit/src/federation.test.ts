import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UNAVAILABLE_MARK } from './fallback-plugin'

// The federation runtime is the boundary: everything above it (registration, allSettled,
// fallback-marker handling, validation, retry URLs) is ours and runs for real.
const runtime = vi.hoisted(() => ({
  getInstance: vi.fn(() => ({})),
  init: vi.fn(),
  registerPlugins: vi.fn(),
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}))
vi.mock('@module-federation/runtime', () => runtime)

const { fetchRemotesConfig, loadRemoteModules } = await import('./federation')

const adminModule = {
  name: 'admin',
  title: { zh: '系统管理', en: 'Administration' },
  basePath: '/admin',
  routes: [{ path: 'users', name: 'admin-users', component: {} }],
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => vi.unstubAllGlobals())

describe('loadRemoteModules', () => {
  it('registers ESM remotes and reports each remote independently when one fails', async () => {
    runtime.loadRemote.mockImplementation(async (id: string) => {
      if (id === 'admin/routes') return { default: adminModule }
      throw new Error('ERR_CONNECTION_REFUSED')
    })
    const result = await loadRemoteModules([
      { name: 'admin', entry: '/remotes/admin/remoteEntry.js' },
      { name: 'sales', entry: '/remotes/sales/remoteEntry.js' },
    ])
    expect(runtime.registerRemotes).toHaveBeenCalledWith(
      [
        { name: 'admin', entry: '/remotes/admin/remoteEntry.js', type: 'module' },
        { name: 'sales', entry: '/remotes/sales/remoteEntry.js', type: 'module' },
      ],
      { force: false },
    )
    expect(result[0]).toEqual({ name: 'admin', status: 'ok', module: adminModule })
    expect(result[1]).toMatchObject({ name: 'sales', status: 'unavailable' })
    expect(String((result[1] as { error: unknown }).error)).toContain('ERR_CONNECTION_REFUSED')
  })

  it('treats the fallback plugin marker and malformed modules as unavailable', async () => {
    runtime.loadRemote.mockImplementation(async (id: string) =>
      id === 'finance/routes'
        ? { [UNAVAILABLE_MARK]: true, id, error: new Error('dead') }
        : { default: { nope: 1 } },
    )
    const result = await loadRemoteModules([
      { name: 'finance', entry: '/f.js' },
      { name: 'service', entry: '/s.js' },
    ])
    expect(result.map((r) => r.status)).toEqual(['unavailable', 'unavailable'])
  })

  it('does not wait forever for a hanging remote', async () => {
    runtime.loadRemote.mockImplementation(() => new Promise(() => {}))
    const [r] = await loadRemoteModules([{ name: 'admin', entry: '/a.js' }], { timeoutMs: 10 })
    expect(r).toMatchObject({ status: 'unavailable' })
  })

  it('a forced retry re-registers with a fresh URL so the browser refetches', async () => {
    runtime.loadRemote.mockResolvedValue({ default: adminModule })
    await loadRemoteModules([{ name: 'admin', entry: '/remotes/admin/remoteEntry.js' }], { force: true })
    await loadRemoteModules([{ name: 'admin', entry: '/remotes/admin/remoteEntry.js' }], { force: true })
    const urls = runtime.registerRemotes.mock.calls.map((c) => (c[0] as { entry: string }[])[0].entry)
    expect(urls).toEqual(['/remotes/admin/remoteEntry.js?retry=1', '/remotes/admin/remoteEntry.js?retry=2'])
    expect(runtime.registerRemotes.mock.calls[0][1]).toEqual({ force: true })
  })

  it('initialises a runtime when no host plugin did', async () => {
    runtime.getInstance.mockReturnValueOnce(null as never)
    runtime.loadRemote.mockResolvedValue({ default: adminModule })
    await loadRemoteModules([{ name: 'admin', entry: '/a.js' }])
    expect(runtime.init).toHaveBeenCalledWith({ name: 'shell', remotes: [] })
    expect(runtime.registerPlugins).toHaveBeenCalledTimes(1)
  })
})

describe('fetchRemotesConfig', () => {
  it('reads { remotes: [...] } and drops malformed entries', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              remotes: [
                { name: 'admin', entry: '/remotes/admin/remoteEntry.js' },
                { name: 'x' },
                { name: '../evil', entry: '/e.js' },
              ],
            }),
          ),
      ),
    )
    expect(await fetchRemotesConfig()).toEqual([{ name: 'admin', entry: '/remotes/admin/remoteEntry.js' }])
  })

  it('answers no remotes when the file is missing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('nope', { status: 404 })),
    )
    expect(await fetchRemotesConfig()).toEqual([])
  })
})

describe('fallback plugin', () => {
  it('returns a marker module instead of throwing, except during share negotiation', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { default: plugin, isUnavailableModule } = await import('./fallback-plugin')
    const hook = plugin().errorLoadRemote!
    const args = { id: 'admin/routes', error: new Error('x'), from: 'runtime', origin: {} } as never
    expect(isUnavailableModule(await hook({ ...(args as object), lifecycle: 'onLoad' } as never))).toBe(true)
    expect(await hook({ ...(args as object), lifecycle: 'beforeLoadShare' } as never)).toBeUndefined()
  })
})
