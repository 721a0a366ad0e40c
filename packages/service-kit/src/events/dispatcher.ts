import type { Logger } from 'pino'
import { subscribersOf, type EventEnvelope } from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import type { EventTransport } from './client.js'
import { pruneEvents } from './retention.js'

export interface Backoff {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 60_000 }

/** Delay before the next try of a delivery that has already failed `attempts` times before this failure. */
export function backoffDelay(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(2 ** Math.min(attempts, 30) * backoff.baseMs, backoff.maxMs)
}

export interface DispatcherOptions {
  db: Database
  /** This service's name: the envelopes' `source`. */
  source: string
  /** Services with a configured URL; a subscriber not listed here gets no delivery row. */
  peers: readonly string[]
  transport: EventTransport
  logger: Logger
  pollMs?: number
  batchSize?: number
  backoff?: Partial<Backoff>
  /**
   * How long a claimed delivery stays invisible to other dispatchers (several instances of one
   * service); if this one dies mid-send, the delivery becomes due again after it.
   */
  leaseMs?: number
}

interface DueRow {
  event_id: string
  subscriber: string
  attempts: number
  seq: string
  topic: string
  actor_id: string | null
  payload: Record<string, unknown>
  notify: EventEnvelope['notify']
  created_at: Date
}

type Outcome = { row: DueRow } & (
  { ok: true } | { ok: false; error: string; delayMs: number; tried: boolean }
)

/**
 * Moves committed outbox events to their subscribers. Database work happens in short transactions
 * and every HTTP send happens outside them: embedded Postgres is one connection, so a transaction
 * held across a send would stall every request of this service meanwhile.
 */
export class Dispatcher {
  private readonly pollMs: number
  private readonly batchSize: number
  private readonly backoff: Backoff
  private readonly leaseMs: number
  private timer: NodeJS.Timeout | undefined
  private running = false
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly o: DispatcherOptions) {
    this.pollMs = o.pollMs ?? 500
    this.batchSize = o.batchSize ?? 50
    this.backoff = { ...DEFAULT_BACKOFF, ...o.backoff }
    this.leaseMs = o.leaseMs ?? 120_000
  }

  get started(): boolean {
    return this.running
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.schedule(0)
  }

  /** Stops polling and waits for a tick in flight. */
  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
    await this.chain
  }

  /** One round: fan out new events, then send due deliveries. Resolves with the number of sends tried. */
  tick(): Promise<number> {
    const run = this.chain.then(() => this.runTick())
    this.chain = run.catch(() => undefined)
    return run
  }

  /**
   * Ticks until nothing is due. With `pending`, also waits for deliveries scheduled for later
   * (retries) until every delivery succeeded. Rejects after `timeoutMs`.
   */
  async flush(opts: { timeoutMs?: number; pending?: boolean } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000)
    for (;;) {
      const tried = await this.tick()
      const state = await this.backlog()
      if (state.unfanned === 0 && state.undelivered === 0) return
      if (tried === 0 && state.unfanned === 0 && state.dueInMs > 0 && !opts.pending) return
      if (Date.now() >= deadline)
        throw new Error(
          `flush timed out: ${state.unfanned} events to fan out, ${state.undelivered} undelivered`,
        )
      if (tried === 0 && state.unfanned === 0) {
        await sleep(Math.max(5, Math.min(state.dueInMs, deadline - Date.now())))
      }
    }
  }

  private schedule(delayMs: number) {
    if (!this.running) return
    this.timer = setTimeout(() => {
      this.tick()
        // A full batch means more is waiting: go again at once instead of after a poll interval.
        .then((tried) => this.schedule(tried >= this.batchSize ? 0 : this.pollMs))
        .catch((error: unknown) => {
          this.o.logger.error({ err: error }, 'event dispatch failed')
          this.schedule(this.pollMs)
        })
    }, delayMs)
    this.timer.unref()
  }

  private async runTick(): Promise<number> {
    await this.pruneHourly()
    await this.fanOut()
    const due = await this.claimDue()
    if (due.length === 0) return 0
    const outcomes = await this.sendAll(due)
    await this.record(outcomes)
    return outcomes.filter((o) => o.ok || o.tried).length
  }

  private lastPrune = 0

  private async pruneHourly(): Promise<void> {
    if (Date.now() - this.lastPrune < 3_600_000) return
    this.lastPrune = Date.now()
    const pruned = await pruneEvents(this.o.db)
    if (pruned.outbox || pruned.inbox) this.o.logger.info(pruned, 'old events pruned')
  }

  private async fanOut(): Promise<void> {
    const { db, source, peers } = this.o
    await db.transaction(async (m) => {
      const events: { id: string; topic: string }[] = await m.query(
        `SELECT id, topic FROM outbox_event WHERE NOT fanned_out ORDER BY seq LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )
      if (events.length === 0) return
      const ids: string[] = []
      const subscribers: string[] = []
      for (const e of events) {
        for (const s of subscribersOf(e.topic, source).filter((s) => peers.includes(s))) {
          ids.push(e.id)
          subscribers.push(s)
        }
      }
      if (ids.length)
        await m.query(
          `INSERT INTO outbox_delivery (event_id, subscriber)
           SELECT * FROM unnest($1::uuid[], $2::varchar[]) ON CONFLICT DO NOTHING`,
          [ids, subscribers],
        )
      await m.query('UPDATE outbox_event SET fanned_out = true WHERE id = ANY($1::uuid[])', [
        events.map((e) => e.id),
      ])
    })
  }

  /** Takes a lease on the oldest due deliveries so a second dispatcher does not send them too. */
  private claimDue(): Promise<DueRow[]> {
    return this.o.db.transaction(async (m) => {
      const rows: DueRow[] = await m.query(
        `SELECT d.event_id, d.subscriber, d.attempts, e.seq, e.topic, e.actor_id, e.payload, e.notify, e.created_at
         FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
         WHERE d.delivered_at IS NULL AND d.next_attempt_at <= now()
         ORDER BY e.seq, d.subscriber LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [this.batchSize],
      )
      if (rows.length)
        await m.query(
          `UPDATE outbox_delivery d SET next_attempt_at = now() + $3::int * interval '1 millisecond'
           FROM unnest($1::uuid[], $2::varchar[]) AS c(event_id, subscriber)
           WHERE d.event_id = c.event_id AND d.subscriber = c.subscriber`,
          [rows.map((r) => r.event_id), rows.map((r) => r.subscriber), this.leaseMs],
        )
      return rows
    })
  }

  /**
   * Subscribers are served in parallel, each one's deliveries in event order. After a subscriber's
   * first failure its remaining deliveries wait for the same retry time untried, so a peer that is
   * down costs one timeout per tick rather than one per event.
   */
  private async sendAll(rows: DueRow[]): Promise<Outcome[]> {
    const bySubscriber = new Map<string, DueRow[]>()
    for (const row of rows)
      bySubscriber.set(row.subscriber, [...(bySubscriber.get(row.subscriber) ?? []), row])
    const groups = await Promise.all(
      [...bySubscriber].map(async ([subscriber, list]) => {
        const outcomes: Outcome[] = []
        let failure: { error: string; delayMs: number } | undefined
        for (const row of list) {
          if (failure) {
            outcomes.push({ row, ok: false, tried: false, ...failure })
            continue
          }
          try {
            await this.o.transport.send(subscriber, this.envelope(row))
            outcomes.push({ row, ok: true })
          } catch (error) {
            failure = {
              error: error instanceof Error ? error.message : String(error),
              delayMs: backoffDelay(row.attempts, this.backoff),
            }
            outcomes.push({ row, ok: false, tried: true, ...failure })
            this.o.logger.warn(
              {
                subscriber,
                eventId: row.event_id,
                topic: row.topic,
                attempts: row.attempts + 1,
                error: failure.error,
              },
              'event delivery failed; will retry',
            )
          }
        }
        return outcomes
      }),
    )
    return groups.flat()
  }

  private envelope(row: DueRow): EventEnvelope {
    return {
      id: row.event_id,
      topic: row.topic,
      source: this.o.source,
      occurredAt: new Date(row.created_at).toISOString(),
      actorId: row.actor_id,
      payload: row.payload,
      notify: row.notify,
    }
  }

  /** `attempts` counts every send tried, the successful one included. */
  private async record(outcomes: Outcome[]): Promise<void> {
    await this.o.db.transaction(async (m) => {
      for (const o of outcomes) {
        const key = [o.row.event_id, o.row.subscriber]
        if (o.ok) {
          await m.query(
            `UPDATE outbox_delivery SET delivered_at = now(), attempts = attempts + 1, last_error = NULL
             WHERE event_id = $1 AND subscriber = $2`,
            key,
          )
        } else {
          await m.query(
            `UPDATE outbox_delivery
             SET attempts = attempts + $3::int, last_error = CASE WHEN $3::int = 1 THEN $4 ELSE last_error END,
                 next_attempt_at = clock_timestamp() + $5::int * interval '1 millisecond'
             WHERE event_id = $1 AND subscriber = $2`,
            [...key, o.tried ? 1 : 0, o.error.slice(0, 2000), o.delayMs],
          )
        }
      }
    })
  }

  private async backlog(): Promise<{ unfanned: number; undelivered: number; dueInMs: number }> {
    const [row] = await this.o.db.transaction((m) =>
      m.query(
        `SELECT (SELECT count(*)::int FROM outbox_event WHERE NOT fanned_out) AS unfanned,
                count(*)::int AS undelivered,
                coalesce(extract(epoch FROM min(next_attempt_at) - clock_timestamp()) * 1000, 0)::float8 AS due_in
         FROM outbox_delivery WHERE delivered_at IS NULL`,
      ),
    )
    return { unfanned: row.unfanned, undelivered: row.undelivered, dueInMs: Number(row.due_in) }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
