import { runService } from '@mosaic/service-kit'
import { loadTicketsConfig } from './config.js'
import { buildTicketsService } from './app.js'

await runService(() => buildTicketsService(loadTicketsConfig()))
