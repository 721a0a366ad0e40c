import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { MANIFEST_FILE } from './manifest.mjs'
import { gatewayRoutes, resolveTopology } from './topology.mjs'

/**
 * `pnpm start`'s gateway (gateway.mjs, routes from gatewayRoutes) and production's nginx
 * (docker/nginx/gateway.conf, generated) must route the same table: same prefixes, same upstreams.
 */
const repoRoot = path.dirname(MANIFEST_FILE)
const conf = fs.readFileSync(path.join(repoRoot, 'docker/nginx/gateway.conf'), 'utf8')
const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, { environment?: Record<string, string> }>
}

/** location → body of every top-level location block (they close at the server block's indentation). */
function nginxLocations(text: string): Record<string, string> {
  const blocks = text.matchAll(/^ {4}location (.+?) \{\n([\s\S]*?)^ {4}\}$/gm)
  return Object.fromEntries([...blocks].map(([, location, body]) => [location, body]))
}

/** prefix → upstream of every proxied location. */
function nginxProxies(text: string): Record<string, string> {
  const proxied = Object.entries(nginxLocations(text)).flatMap(([location, body]) => {
    const upstream = /set \$upstream (\S+);\s*proxy_pass \$upstream;/.exec(body)?.[1]
    return upstream ? [[location, upstream]] : []
  })
  return Object.fromEntries(proxied)
}

/** What each runner route must be in production: the compose container of the same name and port. */
function expectedUpstream(route: { name: string; kind: string; target: string }): string {
  if (route.kind === 'api') return `http://${route.name}:${new URL(route.target).port}`
  return route.kind === 'remote' ? `http://${route.name}-remote:80` : 'http://shell:80'
}

describe('the runner gateway and nginx route the same table', () => {
  const routes = gatewayRoutes(resolveTopology())

  it('every runner prefix is an nginx location to the same upstream, and nginx proxies nothing else', () => {
    const expected = Object.fromEntries(routes.map((r) => [r.prefix, expectedUpstream(r)]))
    expect(nginxProxies(conf)).toEqual(expected)
  })

  it('every upstream is a compose container; a service listens on the port nginx uses', () => {
    for (const route of routes) {
      const { hostname, port } = new URL(expectedUpstream(route))
      expect(compose.services, route.prefix).toHaveProperty([hostname])
      if (route.kind === 'api') expect(compose.services[hostname].environment?.PORT).toBe(port)
    }
  })

  it('both refuse what no row serves: unknown services and remotes, internal endpoints', () => {
    // gateway.mjs answers these with 404 problem+json too (gateway.test.ts).
    const locations = nginxLocations(conf)
    for (const location of ['/api/', '/remotes/', '~* ^/api/(.*/)?internal(/|$)'])
      expect(locations[location], location).toMatch(/return 404 '\{"type":"about:blank","title":"Not Found"/)
  })
})
