import type { Logger } from 'pino'

/** What stops a started job: a timer's run in progress is awaited, so the database can close after. */
export interface JobHandle {
  stop(): void | Promise<void>
}

/** Runs `run` every `everyMinutes` (0 or less: never on its own). Runs never overlap. */
export interface IntervalJob<P> {
  name: string
  everyMinutes: number
  run(parts: P): Promise<void>
}

/** Starts its own work (a retry loop, a subscription) and hands back how to stop it. */
export interface StartedJob<P> {
  name: string
  start(parts: P): JobHandle
}

/**
 * Background work of a service. `createService` starts every job once the service listens and
 * stops them (waiting for a run in progress) before it closes the database.
 */
export type ServiceJob<P> = IntervalJob<P> | StartedJob<P>

/** Starts `jobs` with `parts`; the handle stops all of them together. */
export function startJobs<P extends { logger: Logger }>(
  jobs: ReadonlyArray<ServiceJob<P>>,
  parts: P,
): JobHandle {
  const handles = jobs.map((job) => ('start' in job ? job.start(parts) : startInterval(job, parts)))
  return {
    async stop() {
      await Promise.all(handles.map((h) => h.stop()))
    },
  }
}

/**
 * A timer that never keeps the process alive and never starts a run while one is in progress;
 * a failing run is logged and the next one comes at its time. Jobs that may run on several
 * instances of a service at once must be idempotent.
 */
function startInterval<P extends { logger: Logger }>(job: IntervalJob<P>, parts: P): JobHandle {
  if (job.everyMinutes <= 0) return { stop() {} }
  let running: Promise<void> | null = null
  const tick = () => {
    running ??= job
      .run(parts)
      .catch((error: unknown) => parts.logger.error({ err: error, job: job.name }, `${job.name} failed`))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, job.everyMinutes * 60_000)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
