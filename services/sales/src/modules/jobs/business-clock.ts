import type { Database, IntervalJob, Service } from '@mosaic/service-kit'
import { runRecycling } from '../pool/recycling.js'
import { sendFollowUpReminders } from '../followups/reminders.js'

type Logger = Service['logger']

/**
 * Sales' clock, every `minutes` (0 = never; recycling then runs only on demand): pool recycling,
 * then the follow-ups falling due are announced to their owners (once each). Both are idempotent,
 * so several instances of the service may each run it; the kit never overlaps two runs.
 */
export function businessClockJob(o: {
  minutes: number
  timeZone: string
}): IntervalJob<{ db: Database; logger: Logger }> {
  return {
    name: 'business clock',
    everyMinutes: o.minutes,
    async run({ db, logger }) {
      await recyclePool(db, o.timeZone, logger)
      await remindFollowUps(db, o.timeZone, logger)
    },
  }
}

async function recyclePool(db: Database, timeZone: string, logger: Logger) {
  try {
    const r = await runRecycling(db, new Date(), timeZone, logger)
    if (r.recycled.length || r.warned)
      logger.info({ recycled: r.recycled.length, warned: r.warned }, 'pool recycling ran')
  } catch (error) {
    // Reminders still go out: they do not depend on the pool.
    logger.error({ err: error }, 'pool recycling failed')
  }
}

async function remindFollowUps(db: Database, timeZone: string, logger: Logger) {
  try {
    const sent = await sendFollowUpReminders(db, new Date(), timeZone)
    if (sent) logger.info({ sent }, 'follow-up reminders sent')
  } catch (error) {
    logger.error({ err: error }, 'follow-up reminders failed')
  }
}
