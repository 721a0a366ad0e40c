import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { deployFiles } from './deploy-files.mjs'
import { staleFiles, writeDeployFiles } from './generate-deploy.mjs'
import { loadManifest, manifestProblems, MANIFEST_FILE } from './manifest.mjs'
import { removeTmpDirs, tmpDir } from './test-helpers.ts'

const REPO_ROOT = path.dirname(MANIFEST_FILE)
const manifest = loadManifest()

type ComposeService = {
  environment?: Record<string, string | null>
  volumes?: string[]
  depends_on?: string[] | Record<string, unknown>
  build?: { args?: Record<string, string> }
}
type Compose = { services: Record<string, ComposeService>; volumes: Record<string, null> }

/** The manifest with the planned rows a later issue adds, to see that one row is all they take. */
function withPlannedRows() {
  return {
    ...manifest,
    remotes: [...manifest.remotes, { name: 'service', dir: 'apps/service', port: 5103 }],
    services: [
      ...manifest.services,
      { name: 'tickets', dir: 'services/tickets', port: 3004, database: 'mosaic_tickets', files: true },
    ],
  }
}

afterAll(removeTmpDirs)

const composeOf = (files: Record<string, string>) =>
  parse(files['docker-compose.yml'], { merge: true }) as Compose

describe('pnpm topology (generated docker files)', () => {
  it('the committed files are what topology.json generates (run `pnpm topology` after editing it)', () => {
    expect(staleFiles(REPO_ROOT, manifest)).toEqual([])
  })

  it('--check reports a hand edit; writing restores the generated text', () => {
    const root = tmpDir('mosaic-deploy-')
    const files = deployFiles(manifest)
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
      fs.writeFileSync(path.join(root, rel), text)
    }
    fs.appendFileSync(path.join(root, 'docker/postgres/init.sql'), 'CREATE DATABASE stray OWNER mosaic;\n')
    fs.rmSync(path.join(root, 'docker/nginx/remotes.json'))
    expect(staleFiles(root, manifest)).toEqual(['docker/nginx/remotes.json', 'docker/postgres/init.sql'])
    expect(writeDeployFiles(root, manifest)).toEqual([
      'docker/nginx/remotes.json',
      'docker/postgres/init.sql',
    ])
    expect(staleFiles(root, manifest)).toEqual([])
  })

  it('one service row gives it a database, a container with its peers, a gateway route and a file volume', () => {
    const files = deployFiles(withPlannedRows())
    expect(files['docker/postgres/init.sql']).toMatch(/^CREATE DATABASE mosaic_tickets OWNER mosaic;$/m)
    expect(files['docker/nginx/gateway.conf']).toContain(
      'location /api/tickets/ {\n        set $upstream http://tickets:3004;',
    )
    const compose = composeOf(files)
    expect(compose.services.tickets.environment).toMatchObject({
      PORT: '3004',
      DATABASE_URL: expect.stringMatching(/@postgres:5432\/mosaic_tickets$/),
      JWKS_URL: 'http://admin:3001/api/admin/.well-known/jwks.json',
      DATA_DIR: '/data',
      TICKETS_SERVICE_URL: 'http://tickets:3004',
    })
    expect(compose.services.tickets.volumes).toEqual(['tickets-files:/data'])
    expect(compose.volumes).toHaveProperty('tickets-files')
    // Every service, old and new, is told every peer's address.
    for (const s of ['admin', 'sales'])
      expect(compose.services[s].environment).toMatchObject({ TICKETS_SERVICE_URL: 'http://tickets:3004' })
  })

  it('one remote row gives it an image, a gateway route and an entry in remotes.json', () => {
    const files = deployFiles(withPlannedRows())
    expect(JSON.parse(files['docker/nginx/remotes.json']).remotes).toContainEqual({
      name: 'service',
      entry: '/remotes/service/remoteEntry.js',
    })
    expect(files['docker/nginx/gateway.conf']).toContain(
      'location /remotes/service/ {\n        set $upstream http://service-remote:80;',
    )
    const compose = composeOf(files)
    expect(compose.services['service-remote'].build?.args).toEqual({
      APP: 'service',
      SERVE_AT: '/remotes/service',
    })
    expect(compose.services.gateway.depends_on).toContain('service-remote')
  })

  it('docker-compose.yml parses, and the gateway waits for every container it routes to', () => {
    const compose = composeOf(deployFiles(manifest))
    const names = Object.keys(compose.services)
    expect(compose.services.gateway.depends_on).toEqual(
      names.filter((n) => !['postgres', 'gateway'].includes(n)),
    )
    for (const s of manifest.services) {
      expect(compose.services[s.name].environment).toMatchObject({
        PORT: String(s.port),
        DATABASE_URL: expect.stringMatching(new RegExp(`/${s.database}$`)),
        SERVICE_SECRET: '${SERVICE_SECRET:?set SERVICE_SECRET}',
      })
    }
  })

  it('composeEnv values read back as the same strings, whatever YAML would make of them', () => {
    const odd = ['true', '3001', 'a: b', '#x', "it's", '', 'x #y', '- z']
    const services = manifest.services.map((s, i) =>
      i === 0 ? { ...s, composeEnv: Object.fromEntries(odd.map((v, n) => [`ODD_${n}`, v])) } : s,
    )
    const env = composeOf(deployFiles({ ...manifest, services })).services[services[0].name].environment
    expect(odd.map((_, n) => env?.[`ODD_${n}`])).toEqual(odd)
  })
})

describe('topology.json checks', () => {
  it('accepts the committed manifest and the planned rows', () => {
    expect(manifestProblems(manifest)).toEqual([])
    expect(manifestProblems(withPlannedRows())).toEqual([])
  })

  it('names every mistake: clashes, ports outside the derivable range, unusable names', () => {
    const bad = {
      ...manifest,
      remotes: [...manifest.remotes, { name: 'Bad Name', dir: 'apps/x', port: 5110 }],
      services: [
        ...manifest.services,
        { name: 'gateway', dir: 'services/gateway', port: 3001, database: 'mosaic_admin' },
        {
          name: 'x',
          dir: 'services/x',
          port: 3007,
          database: 'drop table',
          composeEnv: { lower: 1 },
          file: true,
        },
      ],
    }
    expect(manifestProblems(bad)).toEqual([
      'remotes[3]: name must match /^[a-z][a-z0-9-]*$/',
      'remotes[3]: port must be an integer in 5101..5109',
      'services[4]: the name gateway is taken',
      'services[5]: unknown key file',
      'services[5]: database must match /^[a-z_][a-z0-9_]*$/',
      'services[5]: composeEnv key lower must match /^[A-Z][A-Z0-9_]*$/',
      'services[5]: composeEnv.lower must be a string or null',
      'database mosaic_admin is used twice',
      'port 3001 is used twice',
    ])
  })
})
