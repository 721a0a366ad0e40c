import { ConfigError } from '../config.js'
import { closeOnSignals, type Service } from '../service.js'

/**
 * A service's entry point: builds it, closes it gracefully on SIGTERM/SIGINT and listens. A bad
 * environment exits with 78 (EX_CONFIG) and the list of offending variables; anything else with 1.
 */
export async function runService(build: () => Promise<Service>): Promise<void> {
  try {
    const service = await build()
    closeOnSignals(service)
    await service.listen()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(78)
    }
    console.error(error)
    process.exit(1)
  }
}
