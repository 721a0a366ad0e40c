// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Plugin } from 'vite'
import { defineRemoteConfig, remoteIndexHtml, serverOn, standaloneEntry } from '../remote-config.mjs'

const names = (plugins: unknown[]) => plugins.flat().map((p) => (p as Plugin | null)?.name)

describe('defineRemoteConfig', () => {
  it('serves the remote at /remotes/<name>/ on its own port, with the standalone entry and the build plugins', () => {
    const config = defineRemoteConfig({ name: 'tickets', port: 5109, home: 'list', title: 'T' })({
      command: 'serve',
      mode: 'development',
    })
    expect(config.base).toBe('/remotes/tickets/')
    expect(config.server).toMatchObject({ port: 5109, strictPort: true })
    expect(config.preview).toMatchObject({ port: 5109, strictPort: true })
    expect(names(config.plugins ?? [])).toEqual(
      expect.arrayContaining(['mosaic-standalone-entry', 'vite:vue', 'mosaic-chunk-modules']),
    )
  })

  it('compiles no workspace package from source in the production build (all are shares)', () => {
    const build = defineRemoteConfig({ name: 'x', port: 1, home: 'a', title: 'T' })({
      command: 'build',
      mode: 'production',
    })
    expect(build.resolve?.conditions).not.toContain('source')
  })
})

describe('serverOn', () => {
  it('sends the API, and any other path given (the shell adds /remotes/), to the gateway', () => {
    expect(Object.keys(serverOn(5101).proxy)).toEqual(['/api'])
    const shell = serverOn(5100, ['/api', '/remotes/'])
    expect(shell).toMatchObject({ host: 'localhost', port: 5100, strictPort: true })
    expect(Object.keys(shell.proxy)).toEqual(['/api', '/remotes/'])
  })
})

describe('standaloneEntry', () => {
  it('provides index.html, and a main that reaches the bootstrap only through a dynamic import', () => {
    const plugin = standaloneEntry({ title: 'Mosaic CRM · 工单', home: 'tickets' }) as Plugin & {
      configResolved: (c: { root: string }) => void
      resolveId: (id: string) => string | null
      load: (id: string) => string | null
    }
    plugin.configResolved({ root: '/repo/apps/tickets' })
    expect(plugin.load('/repo/apps/tickets/index.html')).toBe(remoteIndexHtml('Mosaic CRM · 工单'))
    const main = plugin.resolveId('/src/__mosaic_main.ts')!
    expect(plugin.load(main)).toMatch(/^void import\(/)
    const bootstrap = plugin.load(plugin.resolveId('/src/__mosaic_bootstrap.ts')!)
    expect(bootstrap).toContain('from "/repo/apps/tickets/src/routes.ts"')
    expect(bootstrap).toContain('home: "tickets"')
    expect(plugin.resolveId('/src/other.ts')).toBeNull()
  })
})
