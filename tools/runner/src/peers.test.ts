import { describe, expect, it } from 'vitest'
import { BaseConfig, loadConfig, peersFromConfig, SERVICE_NAMES } from '@mosaic/service-kit'
import { serviceEnv } from './system.mjs'
import { resolveTopology, SERVICES } from './topology.mjs'

/** The kit's peer list against topology.json: a service the runner starts must be one the kit can address. */
describe('peers', () => {
  it('every service in topology.json is one of the kit’s SERVICE_NAMES, with a <NAME>_SERVICE_URL key', () => {
    for (const { name } of SERVICES) {
      expect(SERVICE_NAMES).toContain(name)
      expect(Object.keys(BaseConfig.shape)).toContain(`${name.toUpperCase()}_SERVICE_URL`)
    }
  })

  it('a service started by the runner knows every other service of the manifest as a peer', () => {
    const topology = resolveTopology({ basePort: 40000 })
    for (const service of topology.services) {
      const env = serviceEnv(service, { topology, baseEnv: {}, dataRoot: '/d', mode: 'test' })
      const config = loadConfig(BaseConfig, { ...env, SERVICE_NAME: service.name })
      const others = topology.services.filter((s) => s.name !== service.name)
      expect(peersFromConfig(config)).toEqual(
        Object.fromEntries(others.map((s) => [s.name, `http://localhost:${s.port}`])),
      )
    }
  })
})
