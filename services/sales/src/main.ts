import { runService } from '@mosaic/service-kit'
import { loadSalesConfig } from './config.js'
import { buildSalesService } from './app.js'

await runService(() => buildSalesService(loadSalesConfig()))
