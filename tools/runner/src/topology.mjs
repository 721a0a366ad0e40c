// The one table of what `pnpm start` runs, read from topology.json at the repo root (which
// `pnpm topology` also turns into the docker files). Ports there are the fixed contract the apps,
// services, e2e and docker files are built against; this module derives a run's concrete ports.
import net from 'node:net'
import { loadManifest, REMOTE_ORIGIN, SERVICE_ORIGIN } from './manifest.mjs'

const MANIFEST = loadManifest()

export const GATEWAY_PORT = MANIFEST.gateway.port
export const SHELL = MANIFEST.shell

/** Federated remotes, each served at `/remotes/<name>/` by its own static server. */
export const REMOTES = MANIFEST.remotes

/** Express services, each reached through the gateway at `/api/<name>/`. */
export const SERVICES = MANIFEST.services

/**
 * Concrete ports for one run. With `basePort` every port is derived from it so a second
 * instance (e2e) never clashes with a developer's: gateway = base, shell = base+1,
 * remotes base+10+n, services base+20+n, where n is the row's offset from its fixed port
 * (so adding a row never moves the others).
 */
export function resolveTopology({
  port,
  basePort,
  shell = SHELL,
  remotes = REMOTES,
  services = SERVICES,
} = {}) {
  const derive = (fixed, origin, offset) => (basePort ? basePort + offset + (fixed - origin) : fixed)
  return {
    gateway: { port: port ?? basePort ?? GATEWAY_PORT },
    shell: { ...shell, port: derive(shell.port, SHELL.port, 1) },
    remotes: remotes.map((r) => ({ ...r, port: derive(r.port, REMOTE_ORIGIN, 10) })),
    services: services.map((s) => ({ ...s, port: derive(s.port, SERVICE_ORIGIN, 20) })),
  }
}

/** Runtime federation config the shell fetches; entries are same-origin paths via the gateway. */
export function remotesManifest(topology) {
  return {
    remotes: topology.remotes.map((r) => ({ name: r.name, entry: `/remotes/${r.name}/remoteEntry.js` })),
  }
}

/** Gateway routing table; upstreams use the `localhost` name like everything else. */
export function gatewayRoutes(topology) {
  const up = (port) => `http://localhost:${port}`
  return [
    ...topology.services.map((s) => ({
      name: s.name,
      prefix: `/api/${s.name}/`,
      target: up(s.port),
      kind: 'api',
    })),
    ...topology.remotes.map((r) => ({
      name: r.name,
      prefix: `/remotes/${r.name}/`,
      target: up(r.port),
      kind: 'remote',
    })),
    { name: 'shell', prefix: '/', target: up(topology.shell.port), kind: 'app' },
  ]
}

export function allPorts(topology) {
  return [
    topology.gateway.port,
    topology.shell.port,
    ...topology.remotes.map((r) => r.port),
    ...topology.services.map((s) => s.port),
  ]
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    // No host: the wildcard bind also conflicts with a process on 127.0.0.1 or ::1 only.
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/**
 * A base port whose whole derived block (base..base+29) is currently free. Below Linux's ephemeral
 * range (32768..), where the system hands out ports for outgoing connections at any moment.
 */
export async function findFreeBasePort({ min = 20000, max = 32000, attempts = 50 } = {}) {
  for (let i = 0; i < attempts; i++) {
    const base = min + 100 * Math.floor((Math.random() * (max - min)) / 100)
    const block = Array.from({ length: 30 }, (_, n) => base + n)
    const free = await Promise.all(block.map(isPortFree))
    if (free.every(Boolean)) return base
  }
  throw new Error('No free block of ports found')
}
