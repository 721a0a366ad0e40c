import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitRuleTables1763900000100 } from './kit-migration.js'
import { nextNumber, nextNumbers, type NumberRuleSpec } from './numbering.js'

const daily: NumberRuleSpec = {
  docType: 'customer',
  prefix: 'KH',
  datePattern: 'yyyyMMdd',
  width: 4,
  resetPeriod: 'daily',
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const seqOf = (n: string) => Number(n.slice(-4))

let testDb: TestDatabase
let db: Database
beforeAll(async () => {
  testDb = await createTestDatabase('mosaic_numbering')
  // More connections than a handful, so on a server the transactions really run at the same time.
  db = await openDatabase({
    url: testDb.url,
    entities: [],
    migrations: [KitRuleTables1763900000100],
    poolSize: 20,
  })
})
afterAll(async () => {
  await db?.close()
  await testDb?.drop()
})
beforeEach(async () => {
  await db.dataSource.query('DELETE FROM number_sequence')
})

const issue = (rule: NumberRuleSpec, at: Date, timeZone?: string) =>
  db.transaction((m) => nextNumber(m, rule, { at, timeZone }))

describe('nextNumber', () => {
  it('never hands out a number twice under 50 concurrent transactions; rollbacks give theirs back', async () => {
    const at = new Date('2026-11-22T04:00:00Z')
    let inside = 0
    let most = 0
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (m) => {
          most = Math.max(most, ++inside)
          try {
            await sleep(i % 4) // let the others start before anyone takes the counter
            const n = await nextNumber(m, daily, { at })
            await sleep(1 + (i % 3)) // hold the counter while others queue behind it
            if (i % 10 === 9) throw new Error('roll back')
            return n
          } finally {
            inside--
          }
        }),
      ),
    )
    const issued = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
    expect(issued).toHaveLength(45)
    expect(new Set(issued).size).toBe(45)
    // Contiguous: a rolled-back transaction's increment is undone, so committed numbers have no holes.
    expect(issued.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
    for (const n of issued) expect(n).toMatch(/^KH20261122\d{4}$/)
    // Embedded Postgres queues whole transactions; a server runs them side by side (the real race).
    if (db.embedded) expect(most).toBe(1)
    else expect(most).toBeGreaterThan(1)
  })

  it('hands out a run of numbers in one step, contiguous with single ones', async () => {
    const at = new Date('2026-11-22T04:00:00Z')
    expect(await issue(daily, at)).toBe('KH202611220001')
    const run = await db.transaction((m) => nextNumbers(m, daily, 3, { at }))
    expect(run).toEqual(['KH202611220002', 'KH202611220003', 'KH202611220004'])
    expect(await issue(daily, at)).toBe('KH202611220005')
    expect(await db.transaction((m) => nextNumbers(m, daily, 0, { at }))).toEqual([])
    // A first run of a new period starts at 1.
    const next = await db.transaction((m) =>
      nextNumbers(m, daily, 2, { at: new Date('2026-11-23T04:00:00Z') }),
    )
    expect(next).toEqual(['KH202611230001', 'KH202611230002'])
  })

  it('restarts each day under a daily reset, in the business time zone', async () => {
    expect(await issue(daily, new Date('2026-01-31T10:00:00Z'))).toBe('KH202601310001')
    expect(await issue(daily, new Date('2026-01-31T15:59:59Z'))).toBe('KH202601310002')
    // 16:00 UTC is midnight in Shanghai: a new day, a new count.
    expect(await issue(daily, new Date('2026-01-31T16:00:00Z'))).toBe('KH202602010001')
    // The same instant in UTC still belongs to 31 January.
    expect(await issue(daily, new Date('2026-01-31T16:00:00Z'), 'UTC')).toBe('KH202601310003')
  })

  it('continues through the month under a monthly reset and restarts with the next one', async () => {
    const monthly: NumberRuleSpec = {
      ...daily,
      docType: 'order',
      prefix: 'DD',
      datePattern: 'yyyyMM',
      resetPeriod: 'monthly',
    }
    expect(await issue(monthly, new Date('2026-11-01T00:00:00Z'))).toBe('DD2026110001')
    expect(await issue(monthly, new Date('2026-11-30T12:00:00Z'))).toBe('DD2026110002')
    expect(await issue(monthly, new Date('2026-11-30T16:00:00Z'))).toBe('DD2026120001')
  })

  it('keeps counting across years with no reset, and counts each doc type separately', async () => {
    const never: NumberRuleSpec = {
      docType: 'ticket',
      prefix: 'GD-',
      datePattern: 'none',
      width: 3,
      resetPeriod: 'never',
    }
    expect(await issue(never, new Date('2025-12-31T00:00:00Z'))).toBe('GD-001')
    expect(await issue(never, new Date('2027-06-01T00:00:00Z'))).toBe('GD-002')
    const yearly: NumberRuleSpec = {
      ...daily,
      docType: 'invoice',
      prefix: 'KP',
      datePattern: 'yyyy',
      resetPeriod: 'yearly',
    }
    expect(await issue(yearly, new Date('2026-12-31T15:00:00Z'))).toBe('KP20260001')
    expect(await issue(yearly, new Date('2026-12-31T16:00:00Z'))).toBe('KP20270001')
    expect(await issue(daily, new Date('2026-12-31T16:00:00Z'))).toBe('KH202701010001')
  })

  it('prints a sequence that outgrew its width in full', async () => {
    const at = new Date('2026-11-22T04:00:00Z')
    await db.dataSource.query(`INSERT INTO number_sequence VALUES ('customer', '2026-11-22', 9999)`)
    expect(await issue(daily, at)).toBe('KH2026112210000')
  })
})
