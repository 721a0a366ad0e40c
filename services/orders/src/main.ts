import { runService } from '@mosaic/service-kit'
import { loadOrdersConfig } from './config.js'
import { buildOrdersService } from './app.js'

await runService(() => buildOrdersService(loadOrdersConfig()))
