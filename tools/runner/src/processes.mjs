// Child-process handling for the services `pnpm start` runs.
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { setTimeout as delay } from 'node:timers/promises'

const TAIL_LINES = 60

/**
 * V8 flags for a service process. `--liftoff-only` concerns WebAssembly alone, i.e. the embedded
 * Postgres (PGlite): V8's optimising tier would compile Postgres' hot paths again in the
 * background, which costs ~250 MB per service that is never returned, and on two cores is slower
 * overall than the baseline code (bench/memory). A service on a Postgres server runs no WASM.
 * `--max-semi-space-size=8` (MB) halves the young generation V8 grows to under a stream of list
 * requests: five services' nurseries are ~150 MB of the stack's RSS at full size (bench:memory),
 * for scavenges that take a little more often on a small embedded data set.
 */
export const SERVICE_NODE_FLAGS = ['--liftoff-only', '--max-semi-space-size=8']

/**
 * Spawns `node <script>` in its own process group: the runner, not the terminal's Ctrl-C,
 * decides when and in which order services stop (gateway first, then services).
 */
export function spawnService({ name, script, cwd, env, log = () => {} }) {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, script], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const tail = []
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      tail.push(line)
      if (tail.length > TAIL_LINES) tail.shift()
      log(`[${name}] ${line}`)
    })
  }
  const exited = new Promise((resolve) => {
    child.once('error', (err) => {
      tail.push(`spawn failed: ${err.message}`)
      resolve({ code: null, signal: null, error: err })
    })
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  let exitInfo = null
  exited.then((info) => (exitInfo = info))

  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {
      try {
        child.kill(sig)
      } catch {
        /* already gone */
      }
    }
  }

  return {
    name,
    child,
    exited,
    get exitInfo() {
      return exitInfo
    },
    output: () => tail.join('\n'),
    /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with the exit info. */
    async stop(timeoutMs = 10_000) {
      if (exitInfo || child.pid === undefined) return exited
      signalGroup('SIGTERM')
      const timer = delay(timeoutMs, 'timeout', { ref: false })
      if ((await Promise.race([exited, timer])) === 'timeout') signalGroup('SIGKILL')
      return exited
    },
    kill: () => signalGroup('SIGKILL'),
  }
}

export function describeExit({ code, signal, error }) {
  if (error) return `failed to start (${error.message})`
  return signal ? `was killed by ${signal}` : `exited with code ${code}`
}

/** Polls `url` until it answers 200; fails early if the process exits or `signal` aborts. */
export async function waitReady(url, { handle, timeoutMs = 60_000, intervalMs = 250, signal } = {}) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted')
    if (handle?.exitInfo)
      throw new Error(`${handle.name} ${describeExit(handle.exitInfo)} before it was ready`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(intervalMs * 8, 2000)) })
      await res.arrayBuffer().catch(() => {})
      if (res.status === 200) return
    } catch {
      /* not listening yet */
    }
    if (Date.now() >= deadline)
      throw new Error(
        `${handle?.name ?? url} was not ready within ${Math.round(timeoutMs / 1000)} s (${url})`,
      )
    await delay(intervalMs)
  }
}

/** Runs a command with inherited output; rejects on a non-zero exit. */
export function run(cmd, args, { cwd, env, signal }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, signal, stdio: ['ignore', 'inherit', 'inherit'] })
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${cmd} ${args.join(' ')} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`,
            ),
          ),
    )
  })
}
