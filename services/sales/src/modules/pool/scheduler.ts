import type { Database, Service } from '@mosaic/service-kit'
import { runRecycling } from './recycling.js'
import { sendFollowUpReminders } from '../followups/reminders.js'

type Logger = Service['logger']

export interface RecycleScheduler {
  /** Stops the timer and waits for a run in progress, so the database can close under it. */
  stop(): Promise<void>
}

/**
 * Runs pool recycling (and follow-up reminders) every `minutes` (0 = never; recycling then runs only on demand). Runs never
 * overlap, and the timer does not keep the process alive. Recycling is idempotent, so several
 * instances of the service may each run it.
 */
export function startRecycleScheduler(o: {
  db: Database
  minutes: number
  timeZone: string
  logger: Logger
}): RecycleScheduler {
  if (o.minutes <= 0) return { stop: async () => {} }
  let running: Promise<void> | null = null
  const tick = () => {
    if (running) return
    running = runRecycling(o.db, new Date(), o.timeZone, o.logger)
      .then((r) => {
        if (r.recycled.length || r.warned)
          o.logger.info({ recycled: r.recycled.length, warned: r.warned }, 'pool recycling ran')
      })
      .catch((error: unknown) => o.logger.error({ err: error }, 'pool recycling failed'))
      // Same clock: follow-ups falling due are announced to their owners (once each).
      .then(() => sendFollowUpReminders(o.db, new Date(), o.timeZone))
      .then((sent) => {
        if (sent) o.logger.info({ sent }, 'follow-up reminders sent')
      })
      .catch((error: unknown) => o.logger.error({ err: error }, 'follow-up reminders failed'))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, o.minutes * 60_000)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}

/**
 * Starts the scheduler when the service starts listening and stops it (waiting for a run in
 * progress) before the service closes its database. createService has no timer hooks, so the
 * service's listen and close are wrapped.
 */
export function withRecycleScheduler<S extends Pick<Service, 'db' | 'logger' | 'listen' | 'close'>>(
  service: S,
  o: { minutes: number; timeZone: string },
): S {
  let scheduler: RecycleScheduler | null = null
  const { listen, close } = service
  service.listen = async (port) => {
    const bound = await listen.call(service, port)
    scheduler ??= startRecycleScheduler({ db: service.db, logger: service.logger, ...o })
    return bound
  }
  service.close = async () => {
    await scheduler?.stop()
    scheduler = null
    await close.call(service)
  }
  return service
}
