import { runService } from '@mosaic/service-kit'
import { loadAdminConfig } from './config.js'
import { buildAdminService } from './app.js'

await runService(() => buildAdminService(loadAdminConfig()))
