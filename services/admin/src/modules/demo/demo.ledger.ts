import type { DemoStatus } from '@mosaic/schemas'
import type { Database } from '@mosaic/service-kit'

type Json = Record<string, unknown>

/**
 * The load's bookkeeping in admin's database: the load's state, each step's progress, and a marker
 * per item made (its business key). What is here survives a restart, so a load that stopped midway
 * (a crash, a peer down) resumes where it was when started again.
 */
export class DemoLedger {
  constructor(private readonly db: Database) {}

  private query<T = Json>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.dataSource.query(sql, params)
  }

  async status(): Promise<DemoStatus> {
    const [load] = await this.query<{
      state: DemoStatus['state']
      started_at: Date | null
      finished_at: Date | null
      error_code: string | null
      error: string | null
    }>('SELECT state, started_at, finished_at, error_code, error FROM demo_load WHERE id = 1')
    const steps = await this.query<{ key: string; done: number; total: number }>(
      'SELECT key, done, total FROM demo_step ORDER BY seq',
    )
    return {
      state: load?.state ?? 'idle',
      startedAt: load?.started_at ? new Date(load.started_at).toISOString() : null,
      finishedAt: load?.finished_at ? new Date(load.finished_at).toISOString() : null,
      steps,
      errorCode: load?.error_code ?? null,
      error: load?.error ?? null,
    }
  }

  /** Marks the load running unless it already is or is done; false when nothing should start. */
  async claimStart(stepKeys: readonly string[]): Promise<boolean> {
    return this.db.transaction(async (m) => {
      await m.query(`INSERT INTO demo_load (id, state) VALUES (1, 'idle') ON CONFLICT (id) DO NOTHING`)
      const [row] = await m.query('SELECT state FROM demo_load WHERE id = 1 FOR UPDATE')
      if (row.state === 'running' || row.state === 'done') return false
      await m.query(
        `UPDATE demo_load SET state = 'running', started_at = now(), finished_at = NULL,
           error_code = NULL, error = NULL WHERE id = 1`,
      )
      for (const [seq, key] of stepKeys.entries())
        await m.query(
          'INSERT INTO demo_step (key, seq) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET seq = $2',
          [key, seq],
        )
      return true
    })
  }

  async finish(outcome: { errorCode: string; error: string } | null) {
    await this.query(
      `UPDATE demo_load SET state = $1, finished_at = now(), error_code = $2, error = $3 WHERE id = 1`,
      [outcome ? 'failed' : 'done', outcome?.errorCode ?? null, outcome?.error ?? null],
    )
  }

  /**
   * A load left `running` by a process that stopped cannot be running now (one process runs it):
   * at start-up it becomes `failed`, so the next POST resumes it.
   */
  async abandonInterrupted() {
    await this.query(
      `UPDATE demo_load SET state = 'failed', finished_at = now(), error_code = 'admin.demo.interrupted',
         error = 'The demo data load was interrupted; load it again to complete it.'
       WHERE id = 1 AND state = 'running'`,
    )
  }

  async stepFinished(key: string): Promise<boolean> {
    const [row] = await this.query('SELECT finished_at FROM demo_step WHERE key = $1', [key])
    return Boolean(row?.finished_at)
  }

  /** Each step's total, known before it starts, so the screen shows the whole way from the beginning. */
  async plan(totals: Record<string, number>) {
    for (const [key, total] of Object.entries(totals))
      await this.query('UPDATE demo_step SET total = $2 WHERE key = $1 AND finished_at IS NULL', [key, total])
  }

  async progress(key: string, done: number, total: number) {
    await this.query('UPDATE demo_step SET done = $2, total = $3 WHERE key = $1', [key, done, total])
  }

  async finishStep(key: string) {
    await this.query('UPDATE demo_step SET finished_at = now(), done = total WHERE key = $1', [key])
  }

  /** What the item made (null: not finished); `attempted` when a try began, outcome unknown. */
  async item(key: string): Promise<{ attempted: boolean; ref: Json | null }> {
    const [row] = await this.query<{ ref: Json | null }>('SELECT ref FROM demo_item WHERE key = $1', [key])
    return { attempted: row !== undefined, ref: row?.ref ?? null }
  }

  async attempt(key: string) {
    await this.query('INSERT INTO demo_item (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key])
  }

  async made(key: string, ref: Json) {
    await this.query(
      `INSERT INTO demo_item (key, ref) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET ref = EXCLUDED.ref`,
      [key, JSON.stringify(ref)],
    )
  }

  /** The refs of the finished items whose key starts with `prefix`, by key. */
  async madeWithPrefix(prefix: string): Promise<Map<string, Json>> {
    const rows = await this.query<{ key: string; ref: Json }>(
      'SELECT key, ref FROM demo_item WHERE key LIKE $1 AND ref IS NOT NULL',
      [`${prefix}%`],
    )
    return new Map(rows.map((r) => [r.key, r.ref]))
  }
}
