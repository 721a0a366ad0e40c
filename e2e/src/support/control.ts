import { createServer } from 'node:http'
import type { RunningSystem } from '@mosaic/runner'

/**
 * Global setup runs in a different process from the tests; this loopback endpoint lets a test
 * stop or start a remote's static server (POST /remotes/<name>/stop|start).
 */
export async function createControlServer(system: RunningSystem) {
  const server = createServer(async (req, res) => {
    const match = /^\/remotes\/(\w+)\/(stop|start)$/.exec(req.url ?? '')
    if (req.method !== 'POST' || !match) return void res.writeHead(404).end()
    try {
      await (match[2] === 'stop' ? system.stopRemote(match[1]!) : system.startRemote(match[1]!))
      res.writeHead(204).end()
    } catch (error) {
      res.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
