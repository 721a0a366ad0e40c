import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startSystem, type RunningSystem } from '@mosaic/runner'

let system: RunningSystem | undefined
let dataRoot: string | undefined

/**
 * Starts the whole system exactly as `pnpm start` does — builds, services on a fresh embedded
 * database, the shell and each remote on their own static servers behind the gateway — on free
 * ports, so it never collides with a developer's running instance.
 */
export async function setup(project: TestProject) {
  dataRoot = mkdtempSync(join(tmpdir(), 'mosaic-e2e-'))
  system = await startSystem({
    freePorts: true,
    dataRoot,
    // Every journey signs in several users through one address: keep the login rate limit out of the way.
    env: {
      MOSAIC_MODE: 'demo',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '600',
      LOGIN_IP_RATE_LIMIT_PER_MINUTE: '6000',
      // The demo company journey loads a small company (the default is thousands of customers).
      DEMO_CUSTOMERS: '60',
    },
    // CI shares two cores with the unit suites' leftovers; a cold start can take minutes there.
    readyTimeoutMs: 300_000,
    log: (line) => process.env.E2E_VERBOSE && console.log(line),
  })
  project.provide('baseUrl', system.url)
  // Tests stop/start a remote's server through this control channel (see support/system.ts).
  const { createControlServer } = await import('./control.js')
  const control = await createControlServer(system)
  project.provide('controlUrl', control.url)
  return async () => {
    await control.close()
    await system?.stop()
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    controlUrl: string
  }
}
