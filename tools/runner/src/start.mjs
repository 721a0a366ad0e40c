// `pnpm start`: build what is stale, run every service, serve shell + remotes behind one
// gateway origin. Options: --no-build, --port N, --base-port N, --free-ports, --root DIR.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { startSystem } from './system.mjs'

export { startSystem, serviceEnv, ensureServiceSecret, REPO_ROOT } from './system.mjs'
export { createGateway, isInternalApiPath } from './gateway.mjs'
export { createStaticServer } from './static-server.mjs'
export {
  resolveTopology,
  gatewayRoutes,
  remotesManifest,
  findFreeBasePort,
  SHELL,
  REMOTES,
  SERVICES,
} from './topology.mjs'

async function main() {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      port: { type: 'string' },
      'base-port': { type: 'string' },
      'free-ports': { type: 'boolean', default: false },
      root: { type: 'string' },
    },
  })
  const controller = new AbortController()
  let system = null
  let signals = 0
  const onSignal = (sig) => {
    signals += 1
    if (signals > 1) {
      // A second Ctrl-C means "now": kill whatever is still running.
      for (const s of Object.values(system?.services ?? {})) s.kill()
      process.exit(130)
    }
    console.log(`\n${sig} received, stopping...`)
    if (system) system.stop(0)
    else controller.abort(new Error(`${sig} received during start-up`))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  try {
    system = await startSystem({
      build: !values['no-build'],
      port: values.port ? Number(values.port) : undefined,
      basePort: values['base-port'] ? Number(values['base-port']) : undefined,
      freePorts: values['free-ports'],
      repoRoot: values.root ? path.resolve(values.root) : undefined,
      signal: controller.signal,
    })
  } catch (err) {
    if (controller.signal.aborted) process.exit(0)
    console.error(`\nMosaic CRM failed to start: ${err.message}`)
    process.exit(1)
  }
  const code = await system.done
  if (code !== 0) console.error(`Mosaic CRM stopped with exit code ${code}.`)
  process.exit(code)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main()
