import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EntityManager } from 'typeorm'
import { admin } from '@mosaic/schemas'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { KitRuleTables1763900000100 } from '../numbering/kit-migration.js'
import { issueNumber } from '../numbering/numbering.js'
import {
  closureRuleFor,
  listRuleReplica,
  numberRuleFor,
  poolDayLimits,
  poolRuleFor,
  readRuleReplica,
  upsertRuleReplica,
} from './rules.js'

let testDb: TestDatabase
let db: Database
beforeAll(async () => {
  testDb = await createTestDatabase('mosaic_replica')
  db = await openDatabase({ url: testDb.url, entities: [], migrations: [KitRuleTables1763900000100] })
})
afterAll(async () => {
  await db?.close()
  await testDb?.drop()
})

const tx = <T>(work: (m: EntityManager) => Promise<T>) => db.transaction(work)

describe('rule replica', () => {
  it('only moves forward: a lower or equal version is ignored', async () => {
    expect(await tx((m) => upsertRuleReplica(m, 'closure', 'ticket', 2, { v: 2 }))).toBe(true)
    expect(await tx((m) => upsertRuleReplica(m, 'closure', 'ticket', 1, { v: 1 }))).toBe(false)
    expect(await tx((m) => upsertRuleReplica(m, 'closure', 'ticket', 2, { v: 'again' }))).toBe(false)
    expect((await tx((m) => readRuleReplica(m, 'closure', 'ticket')))?.payload).toEqual({ v: 2 })
    expect(await tx((m) => upsertRuleReplica(m, 'closure', 'ticket', 5, { v: 5 }))).toBe(true)
    const now = await tx((m) => readRuleReplica(m, 'closure', 'ticket'))
    expect(now).toMatchObject({ kind: 'closure', key: 'ticket', version: 5, payload: { v: 5 } })
    expect(now?.updatedAt).toBeInstanceOf(Date)
  })

  it('reads nothing for an unknown key and lists one kind in key order', async () => {
    expect(await tx((m) => readRuleReplica(m, 'closure', 'nope'))).toBeNull()
    await tx((m) => upsertRuleReplica(m, 'closure', 'contract', 1, { v: 1 }))
    await tx((m) => upsertRuleReplica(m, 'number', 'lead', 1, { v: 1 }))
    const list = await tx((m) => listRuleReplica(m, 'closure'))
    expect(list.map((r) => r.key)).toEqual(['contract', 'ticket'])
  })

  it('falls back to the defaults until admin rules arrive; a disabled number rule too', async () => {
    expect(await tx((m) => numberRuleFor(m, 'quote'))).toEqual(admin.DEFAULT_NUMBER_RULES.quote)
    expect(await tx((m) => closureRuleFor(m, 'order'))).toEqual(admin.DEFAULT_CLOSURE_RULES.order)
    expect(await tx((m) => poolRuleFor(m))).toEqual(admin.DEFAULT_POOL_RULE)

    const custom = {
      ...admin.DEFAULT_NUMBER_RULES.quote,
      prefix: 'Q-',
      datePattern: 'none',
      resetPeriod: 'never',
    }
    await tx((m) => upsertRuleReplica(m, 'number', 'quote', 3, custom))
    expect(await tx((m) => numberRuleFor(m, 'quote'))).toEqual(custom)
    const at = new Date('2026-11-22T04:00:00Z')
    expect(await tx((m) => issueNumber(m, 'quote', { at }))).toBe('Q-0001')
    await tx((m) => upsertRuleReplica(m, 'number', 'quote', 4, { ...custom, enabled: false }))
    expect(await tx((m) => issueNumber(m, 'quote', { at }))).toBe('BJ202611220001')

    // A deleted rule replicates as null: back to the default.
    await tx((m) => upsertRuleReplica(m, 'number', 'quote', 5, null))
    expect(await tx((m) => numberRuleFor(m, 'quote'))).toEqual(admin.DEFAULT_NUMBER_RULES.quote)
    await tx((m) => upsertRuleReplica(m, 'closure', 'order', 1, null))
    expect(await tx((m) => closureRuleFor(m, 'order'))).toEqual(admin.DEFAULT_CLOSURE_RULES.order)

    const pool = { ...admin.DEFAULT_POOL_RULE, claimsPerDay: 3 }
    await tx((m) => upsertRuleReplica(m, 'pool', 'default', 1, pool))
    expect((await tx((m) => poolRuleFor(m))).claimsPerDay).toBe(3)
  })
})

describe('poolDayLimits', () => {
  it('takes a level’s own limits, falling back to the general ones where the level says null or nothing', () => {
    const rule = {
      ...admin.DEFAULT_POOL_RULE,
      levelOverrides: { A: { noFollowupDays: 60, noDealDays: null } },
    }
    expect(poolDayLimits(rule, 'A')).toEqual({ noFollowupDays: 60, noDealDays: 90 })
    expect(poolDayLimits(rule, 'B')).toEqual({ noFollowupDays: 30, noDealDays: 90 })
    expect(poolDayLimits(rule, null)).toEqual({ noFollowupDays: 30, noDealDays: 90 })
  })
})
