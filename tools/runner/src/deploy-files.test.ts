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

/**
 * The manifest with the rows of a module it does not have (docs/adding-a-module.md's example, on the next free
 * ports), to see that one row is all a module takes.
 */
function withProbeRows() {
  return {
    ...manifest,
    remotes: [...manifest.remotes, { name: 'equipment', dir: 'apps/equipment', port: 5105 }],
    services: [
      ...manifest.services,
      { name: 'equipment', dir: 'services/equipment', port: 3006, database: 'mosaic_equipment', files: true },
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
    const files = deployFiles(withProbeRows())
    expect(files['docker/postgres/init.sql']).toMatch(/^CREATE DATABASE mosaic_equipment OWNER mosaic;$/m)
    expect(files['docker/nginx/gateway.conf']).toContain(
      'location /api/equipment/ {\n        set $upstream http://equipment:3006;',
    )
    const compose = composeOf(files)
    expect(compose.services.equipment.environment).toMatchObject({
      PORT: '3006',
      DATABASE_URL: expect.stringMatching(/@postgres:5432\/mosaic_equipment$/),
      JWKS_URL: 'http://admin:3001/api/admin/.well-known/jwks.json',
      DATA_DIR: '/data',
      TICKETS_SERVICE_URL: 'http://tickets:3004',
      EQUIPMENT_SERVICE_URL: 'http://equipment:3006',
    })
    expect(compose.services.equipment.volumes).toEqual(['equipment-files:/data'])
    expect(compose.volumes).toHaveProperty('equipment-files')
    // Every service, old and new, is told every peer's address.
    for (const s of ['admin', 'sales', 'tickets'])
      expect(compose.services[s].environment).toMatchObject({
        EQUIPMENT_SERVICE_URL: 'http://equipment:3006',
      })
  })

  it('one remote row gives it an image, a gateway route and an entry in remotes.json', () => {
    const files = deployFiles(withProbeRows())
    expect(JSON.parse(files['docker/nginx/remotes.json']).remotes).toContainEqual({
      name: 'equipment',
      entry: '/remotes/equipment/remoteEntry.js',
    })
    expect(files['docker/nginx/gateway.conf']).toContain(
      'location /remotes/equipment/ {\n        set $upstream http://equipment-remote:80;',
    )
    const compose = composeOf(files)
    expect(compose.services['equipment-remote'].build?.args).toEqual({
      APP: 'equipment',
      SERVE_AT: '/remotes/equipment',
    })
    expect(compose.services.gateway.depends_on).toContain('equipment-remote')
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
  it('accepts the committed manifest and a new module’s rows', () => {
    expect(manifestProblems(manifest)).toEqual([])
    expect(manifestProblems(withProbeRows())).toEqual([])
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
    // The bad rows come after the committed ones, whatever their number.
    const [remote, gateway, x] = [
      manifest.remotes.length,
      manifest.services.length,
      manifest.services.length + 1,
    ]
    expect(manifestProblems(bad)).toEqual([
      `remotes[${remote}]: name must match /^[a-z][a-z0-9-]*$/`,
      `remotes[${remote}]: port must be an integer in 5101..5109`,
      `services[${gateway}]: the name gateway is taken`,
      `services[${x}]: unknown key file`,
      `services[${x}]: database must match /^[a-z_][a-z0-9_]*$/`,
      `services[${x}]: composeEnv key lower must match /^[A-Z][A-Z0-9_]*$/`,
      `services[${x}]: composeEnv.lower must be a string or null`,
      'database mosaic_admin is used twice',
      'port 3001 is used twice',
    ])
  })
})
