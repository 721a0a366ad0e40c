import type { EntityManager } from 'typeorm'
import { tickets } from '@mosaic/schemas'
import type { Database, IntervalJob, Service } from '@mosaic/service-kit'
import type { TicketRow } from '../tickets/tickets.entity.js'
import { publishTicketBreached } from '../tickets/tickets.events.js'
import { appendLog } from '../tickets/tickets.log.js'
import { ticketStore } from '../tickets/tickets.store.js'

type Kind = 'response' | 'resolution'

const OPEN = tickets.OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')

/** Open tickets with a due time passed and not yet told (each kind is served by its partial index). */
const DUE_SQL = `
  SELECT id FROM ticket WHERE deleted_at IS NULL AND status IN (${OPEN}) AND (
    (response_due_at < $1 AND responded_at IS NULL AND NOT response_breach_told)
    OR (resolution_due_at < $1 AND resolved_at IS NULL AND NOT resolution_breach_told))
  ORDER BY id LIMIT 500`

const COLUMNS: Record<Kind, { breached: string; told: string }> = {
  response: { breached: 'response_breached', told: 'response_breach_told' },
  resolution: { breached: 'resolution_breached', told: 'resolution_breach_told' },
}

function breachesOf(row: TicketRow, now: Date): Kind[] {
  if (row.deletedAt || !tickets.isOpenTicketStatus(row.status)) return []
  const kinds: Kind[] = []
  if (row.responseDueAt && row.responseDueAt < now && !row.respondedAt && !row.responseBreachTold)
    kinds.push('response')
  if (row.resolutionDueAt && row.resolutionDueAt < now && !row.resolvedAt && !row.resolutionBreachTold)
    kinds.push('resolution')
  return kinds
}

/**
 * One ticket under its lock: each newly passed due time sets the breached flag, writes a `breached` log row
 * and publishes `tickets.ticket.breached` once (the told flag). The flags are the SLA clock's, not an edit:
 * no version bump, so an agent's open form stays current.
 */
async function tellBreaches(m: EntityManager, id: string, now: Date): Promise<number> {
  const row = await ticketStore.find(m, id, undefined, { lock: true })
  if (!row) return 0
  const kinds = breachesOf(row, now)
  for (const kind of kinds) {
    const { breached, told } = COLUMNS[kind]
    await m.query(`UPDATE ticket SET ${breached} = true, ${told} = true WHERE id = $1`, [id])
    await appendLog(
      m,
      id,
      { step: 'breached', actor: { kind: 'system', id: null, name: null }, note: kind },
      now,
    )
    await publishTicketBreached(m, row, kind)
  }
  return kinds.length
}

/** The SLA round at `now`: every open ticket past a due time is flagged and told once per kind. */
export async function breachRound(db: Database, now: Date = new Date()): Promise<{ told: number }> {
  const due: Array<{ id: string }> = await db.dataSource.query(DUE_SQL, [now])
  let told = 0
  for (const { id } of due) told += await db.transaction((m) => tellBreaches(m, id, now))
  return { told }
}

type Logger = Service['logger']

/** The tickets service's clock: the breach round every `minutes` (0 = never on its own). */
export function breachJob(o: { minutes: number }): IntervalJob<{ db: Database; logger: Logger }> {
  return {
    name: 'ticket SLA breaches',
    everyMinutes: o.minutes,
    async run({ db, logger }) {
      const { told } = await breachRound(db)
      if (told) logger.info({ told }, 'ticket SLA breaches told')
    },
  }
}
