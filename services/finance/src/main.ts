import { runService } from '@mosaic/service-kit'
import { loadFinanceConfig } from './config.js'
import { buildFinanceService } from './app.js'

await runService(() => buildFinanceService(loadFinanceConfig()))
