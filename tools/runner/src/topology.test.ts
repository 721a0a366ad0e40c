import { describe, expect, it } from 'vitest'
import {
  allPorts,
  findFreeBasePort,
  gatewayRoutes,
  isPortFree,
  remotesManifest,
  resolveTopology,
  REMOTES,
  SERVICES,
} from './topology.mjs'

describe('topology', () => {
  it('uses the fixed contract ports by default', () => {
    const t = resolveTopology()
    expect(t.gateway.port).toBe(8080)
    expect(t.shell.port).toBe(5100)
    expect(t.remotes.find((r) => r.name === 'admin')?.port).toBe(5101)
    expect(t.services.find((s) => s.name === 'admin')?.port).toBe(3001)
    expect(resolveTopology({ port: 9000 }).gateway.port).toBe(9000)
  })

  it('derives every port from a base without collisions', () => {
    // One module more than the manifest holds (docs/adding-a-module.md's, on the next free ports).
    const all = [...REMOTES, { name: 'equipment', dir: 'apps/equipment', port: 5105 }]
    const services = [...SERVICES, { name: 'equipment', dir: 'services/equipment', port: 3006 }]
    const t = resolveTopology({ basePort: 30000, remotes: all, services })
    expect(t.gateway.port).toBe(30000)
    expect(t.shell.port).toBe(30001)
    expect(t.remotes.map((r) => [r.name, r.port])).toEqual([
      ['admin', 30011],
      ['sales', 30012],
      ['service', 30013],
      ['finance', 30014],
      ['equipment', 30015],
    ])
    expect(t.services.map((s) => [s.name, s.port])).toEqual([
      ['admin', 30021],
      ['sales', 30022],
      ['orders', 30023],
      ['tickets', 30024],
      ['finance', 30025],
      ['equipment', 30026],
    ])
    const ports = allPorts(t)
    expect(new Set(ports).size).toBe(ports.length)
    expect(Math.max(...ports)).toBeLessThan(30030)
  })

  it('builds the routes and the remotes manifest from the table', () => {
    const t = resolveTopology()
    expect(remotesManifest(t)).toEqual({
      remotes: [
        { name: 'admin', entry: '/remotes/admin/remoteEntry.js' },
        { name: 'sales', entry: '/remotes/sales/remoteEntry.js' },
        { name: 'service', entry: '/remotes/service/remoteEntry.js' },
        { name: 'finance', entry: '/remotes/finance/remoteEntry.js' },
      ],
    })
    expect(gatewayRoutes(t)).toEqual(
      expect.arrayContaining([
        { name: 'admin', prefix: '/api/admin/', target: 'http://localhost:3001', kind: 'api' },
        { name: 'admin', prefix: '/remotes/admin/', target: 'http://localhost:5101', kind: 'remote' },
        { name: 'sales', prefix: '/api/sales/', target: 'http://localhost:3002', kind: 'api' },
        { name: 'sales', prefix: '/remotes/sales/', target: 'http://localhost:5102', kind: 'remote' },
        { name: 'shell', prefix: '/', target: 'http://localhost:5100', kind: 'app' },
      ]),
    )
  })

  it('finds a free block of ports', async () => {
    const base = await findFreeBasePort()
    expect(await isPortFree(base)).toBe(true)
    expect(await isPortFree(base + 29)).toBe(true)
  })
})
