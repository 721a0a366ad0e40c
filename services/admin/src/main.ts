import { ConfigError, closeOnSignals } from '@mosaic/service-kit'
import { loadAdminConfig } from './config.js'
import { buildAdminService } from './app.js'

try {
  const service = await buildAdminService(loadAdminConfig())
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
