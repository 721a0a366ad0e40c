import { ConfigError, closeOnSignals } from '@mosaic/service-kit'
import { loadSalesConfig } from './config.js'
import { buildSalesService } from './app.js'

try {
  const service = await buildSalesService(loadSalesConfig())
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
