import { afterAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { SHELL, REMOTES, SERVICES } from './topology.mjs'
import { isAlive, makeFakeRepo, request, tmpDir, removeTmpDirs } from './test-helpers.ts'

const START = fileURLToPath(new URL('./start.mjs', import.meta.url))

/** Runs `node start.mjs` like `pnpm start` does, against a fake repo. */
function launch() {
  const repo = makeFakeRepo({ shell: SHELL, remotes: REMOTES, services: SERVICES })
  const child = spawn(process.execPath, [START, '--no-build', '--free-ports', '--root', repo], {
    env: { ...process.env, DATA_ROOT: tmpDir('mosaic-data-'), MOSAIC_MODE: 'demo' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const running = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/Mosaic CRM is running at http:\/\/localhost:(\d+)/)
      if (m) {
        clearInterval(timer)
        resolve(m[1])
      }
    }, 50)
    // `exited` never rejects; an early exit fails `running`.
    void exited.then(() => {
      clearInterval(timer)
      reject(new Error(`exited early:\n${out}`))
    })
  })
  running.catch(() => {}) // tests that expect an exit await `exited` instead
  const pids = () => [...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]))
  return { child: child as ChildProcess, exited, running, output: () => out, pids }
}

describe('pnpm start (start.mjs)', () => {
  it('prints the URL and demo login, and exits 0 on SIGTERM after stopping its services', async () => {
    const run = launch()
    const port = Number(await run.running)
    // The lines after the URL may arrive in the next chunk of the child's output.
    await expect.poll(run.output).toContain('Demo login: admin / admin123')
    await expect.poll(run.output).toContain('Demo data: 系统管理 → 数据初始化, or POST /api/admin/demo')
    await expect.poll(run.output).toContain(`Customer portal: http://localhost:${port}/portal/login`)
    expect((await request(port, '/api/admin/env')).status).toBe(200)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(run.output()).toContain('[admin] graceful stop')
    expect(run.pids().length).toBeGreaterThan(0)
    for (const pid of run.pids()) expect(isAlive(pid)).toBe(false)
  })

  it('stops on SIGINT too', async () => {
    const run = launch()
    await run.running
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  })

  it('reports a crashed service and exits non-zero', async () => {
    const run = launch()
    const port = Number(await run.running)
    await request(port, '/api/admin/crash')
    expect(await run.exited).toBe(3)
    expect(run.output()).toContain('Service admin exited with code 3 unexpectedly')
  })
})

afterAll(removeTmpDirs)
