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
    const all = [...REMOTES, { name: 'service', dir: 'apps/service', port: 5103 }]
    const services = [...SERVICES, { name: 'tickets', dir: 'services/tickets', port: 3004 }]
    const t = resolveTopology({ basePort: 30000, remotes: all, services })
    expect(t.gateway.port).toBe(30000)
    expect(t.shell.port).toBe(30001)
    expect(t.remotes.map((r) => r.port)).toEqual([30011, 30012, 30014, 30013])
    expect(t.services.map((s) => s.port)).toEqual([30021, 30022, 30023, 30025, 30024])
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
