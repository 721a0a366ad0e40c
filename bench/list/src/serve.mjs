// Child process of the bench: the sales service (requests logged as in production, to stdout,
// which the bench discards) and a bare Express route (also with helmet's headers), its CPU time on request, plus a switch that records the SQL the
// next request issues. Talks to the bench over IPC.
import express from 'express'
import helmet from 'helmet'
import { genericPlanName } from '@mosaic/service-kit'
import { principalOf, startSalesOn } from './sales.mjs'

const url = process.env.BENCH_DATABASE_URL
const users = JSON.parse(process.env.BENCH_USERS ?? '[]')
const { service, tokens } = await startSalesOn(url, { logLevel: 'info', mode: 'demo' })
const port = await service.listen(0)

const bare = express()
bare.get('/healthz', (_req, res) => void res.json({ status: 'ok' }))
const bareServer = bare.listen(0, '127.0.0.1')
await new Promise((resolve) => bareServer.once('listening', resolve))
// The same bare route answering with the security headers the service sends (helmet's defaults):
// the load client parses 18 headers per answer instead of 7, which costs it about a quarter of its
// rate on two cores; this route shows that share apart from the service's own work.
const helmeted = express()
helmeted.use(helmet())
helmeted.get('/healthz', (_req, res) => void res.json({ status: 'ok' }))
const helmetedServer = helmeted.listen(0, '127.0.0.1')
await new Promise((resolve) => helmetedServer.once('listening', resolve))

let captured = null
const logger = service.db.dataSource.logger
const logQuery = logger.logQuery.bind(logger)
logger.logQuery = (query, parameters, runner) => {
  // A plan-stable list page runs prepared with a generic plan (kit generic-plans.ts): replayed the same way.
  const name = genericPlanName(service.db.dataSource, query)
  captured?.push({ query, parameters: parameters ?? [], ...(name ? { name } : {}) })
  return logQuery(query, parameters, runner)
}

const minted = {}
for (const name of users) minted[name] = await tokens.mint(principalOf(name))

// The bench gone (killed, crashed): nothing will ask the service to stop.
process.on('disconnect', () => process.exit(0))
process.on('message', (message) => {
  if (message === 'capture') {
    captured = []
    process.send({ captureStarted: true })
  } else if (message === 'captured') {
    process.send({ captured })
    captured = null
  } else if (message === 'cpu') {
    process.send({ cpu: process.cpuUsage() })
  } else if (message === 'stop') {
    bareServer.close()
    helmetedServer.close()
    service.close().then(() => process.exit(0))
  }
})
process.send({
  port,
  barePort: bareServer.address().port,
  helmetedPort: helmetedServer.address().port,
  tokens: minted,
})
