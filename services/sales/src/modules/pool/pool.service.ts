import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { CustomerOwnerChangedPayload, Page, sales } from '@mosaic/schemas'
import {
  addCalendarDays,
  dayToIsoDate,
  nameOrNumber,
  listPage,
  liveRows,
  localDay,
  poolRuleFor,
  preconditionFailed,
  problem,
  publishEvent,
  startOfToday,
  type ActionContext,
  type RecordContext,
} from '@mosaic/service-kit'
import type { CustomerRow } from '../customers/customers.entity.js'
import { presentCustomer } from '../customers/customers.present.js'
import { customers } from '../customers/customers.store.js'
import { checkOwnedLimit, limitExceeded, lockPortfolio } from '../ownership/limits.js'
import { returnToPool, takeFromPool, type NewOwner } from '../ownership/owner-changes.js'
import { customerNotice } from './notices.js'
import { claimsSince, recordPoolEvent } from './pool-events.js'
import type { PoolRules } from './recycle-rules.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentPoolCustomer(row: CustomerRow, reasonText: string | null = null): sales.PoolCustomer {
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    name: row.name,
    contactName: row.primaryContactName,
    phone: row.primaryContactPhone ?? row.phone,
    status: row.status,
    source: row.source,
    level: row.level,
    industry: row.industry,
    poolEnteredAt: iso(row.poolEnteredAt),
    previousOwnerName: row.previousOwnerName,
    poolReason: row.poolReason ?? (row.previousOwnerId ? null : 'never_owned'),
    poolReasonText: row.poolReason === 'released' ? reasonText : null,
  }
}

/** The reason typed at each customer's latest release (its pool entry), by customer id. */
async function releaseReasons(m: EntityManager, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map()
  const rows: Array<{ customer_id: string; reason: string | null }> = await m.query(
    `SELECT DISTINCT ON (customer_id) customer_id, reason FROM pool_event
     WHERE customer_id = ANY($1::uuid[]) AND action = 'release' ORDER BY customer_id, at DESC`,
    [ids],
  )
  return new Map(rows.map((r) => [r.customer_id, r.reason]))
}

/** Customers without an owner; anyone with pool access sees all of them. */
export function listPool(m: EntityManager, q: sales.PoolListQuery): Promise<Page<sales.PoolCustomer>> {
  return listPage(liveRows(customers, m, 'c').andWhere('c.owner_id IS NULL'), q, {
    filters: { q: (term) => nameOrNumber('c', term) },
    equal: ['status', 'source', 'level'],
    present: async (rows) => {
      const reasons = await releaseReasons(
        m,
        rows.map((c) => c.id),
      )
      return rows.map((c) => presentPoolCustomer(c, reasons.get(c.id) ?? null))
    },
  })
}

const ownerOf = (p: Principal): NewOwner => ({
  id: p.userId,
  name: p.displayName ?? p.username,
  deptId: p.deptId ?? null,
})

/** The previous owner waits `reclaimCooldownDays` calendar days after the customer entered the pool. */
function checkCooldown(rules: PoolRules, row: CustomerRow, userId: string, now: Date, timeZone: string) {
  const days = rules.reclaimCooldownDays
  if (!days || row.previousOwnerId !== userId || !row.poolEnteredAt) return
  const availableAt = addCalendarDays(row.poolEnteredAt, days, timeZone)
  if (now >= availableAt) return
  const date = dayToIsoDate(localDay(availableAt, timeZone))
  throw problem(
    409,
    'sales.pool.cooldown',
    { date, days, availableAt: availableAt.toISOString() },
    { availableAt: availableAt.toISOString() },
  )
}

async function checkClaimsPerDay(
  m: EntityManager,
  rules: PoolRules,
  userId: string,
  now: Date,
  timeZone: string,
) {
  const limit = rules.claimsPerDay
  if (limit === null) return
  const current = await claimsSince(m, userId, startOfToday(now, timeZone))
  if (current >= limit) {
    throw limitExceeded('sales.pool.claims_per_day', { kind: 'claims_per_day', current, adding: 1, limit })
  }
}

/** What `sales.customer.claimed` / `.assigned` / `.released` say of the customer after the change. */
function eventPayload(row: CustomerRow): CustomerOwnerChangedPayload {
  return {
    customerId: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    deptId: row.deptId,
    previousOwnerId: row.previousOwnerId,
    previousOwnerName: row.previousOwnerName,
  }
}

/**
 * The customer to claim or assign, locked. One that has an owner is named (409, who has it) only to
 * a caller whose scope covers it; to anyone else it is as unknown as a missing id (404), so claim
 * and assign cannot be used to find out who owns what.
 */
async function poolCustomer(m: EntityManager, ctx: RecordContext, id: string, forId?: string) {
  const row = await customers.find(m, id, undefined, { lock: true })
  if (!row) throw problem(404, 'sales.pool.not_in_pool')
  if (!row.ownerId || row.ownerId === (forId ?? ctx.principal?.userId)) return row
  const visible = !ctx.principal || (await customers.accessOf(m, ctx.principal, row)) !== null
  if (!visible) throw problem(404, 'sales.pool.not_in_pool')
  throw problem(409, 'sales.pool.already_owned', { owner: row.ownerName ?? null })
}

/**
 * 领取: the caller becomes the owner. The row lock makes concurrent claims queue; whoever comes
 * second finds an owner and gets 409. The portfolio lock keeps the limits exact.
 */
export async function claimCustomer(
  m: EntityManager,
  ctx: ActionContext & { principal: Principal },
  id: string,
  timeZone: string,
  now = new Date(),
): Promise<sales.Customer> {
  const rules = await poolRuleFor(m)
  const me = ownerOf(ctx.principal)
  await lockPortfolio(m, me.id)
  const row = await poolCustomer(m, ctx, id)
  if (row.ownerId === me.id) throw problem(409, 'sales.pool.already_yours')
  checkCooldown(rules, row, me.id, now, timeZone)
  await checkClaimsPerDay(m, rules, me.id, now, timeZone)
  await checkOwnedLimit(m, { ...me, name: 'You' }, 1, rules)
  const saved = await takeFromPool(m, ctx, row, me, 'claim', now)
  await recordPoolEvent(m, { customerId: id, userId: me.id, actorId: me.id, action: 'claim', at: now })
  await publishEvent(m, { topic: 'sales.customer.claimed', payload: eventPayload(saved), actorId: me.id })
  return presentCustomer(saved)
}

/** 分配: an authorised user gives a pool customer to `owner` (limits apply; the cooldown does not). */
export async function assignCustomer(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  owner: NewOwner,
  now = new Date(),
): Promise<CustomerRow> {
  const rules = await poolRuleFor(m)
  await lockPortfolio(m, owner.id)
  const row = await poolCustomer(m, ctx, id, owner.id)
  await checkOwnedLimit(m, owner, 1, rules)
  const saved = await takeFromPool(m, ctx, row, owner, 'assign', now)
  await recordPoolEvent(m, {
    customerId: id,
    userId: owner.id,
    actorId: ctx.actor.id,
    action: 'assign',
    at: now,
  })
  const by = ctx.actor.name ?? 'system'
  await publishEvent(m, {
    topic: 'sales.customer.assigned',
    payload: eventPayload(saved),
    actorId: ctx.actor.id,
    notify:
      owner.id === ctx.actor.id
        ? []
        : [
            customerNotice(
              owner.id,
              'pool_assigned',
              saved,
              {
                zh: `公海客户「${saved.name}」已分配给您`,
                en: `Pool customer "${saved.name}" was assigned to you`,
              },
              { zh: `分配人：${by}`, en: `Assigned by ${by}` },
            ),
          ],
  })
  return saved
}

/** 变更公海客户: the owner (or a manager whose scope covers it) puts it back in the pool. */
export async function releaseCustomer(
  m: EntityManager,
  ctx: ActionContext & { principal: Principal },
  id: string,
  expectedVersion: number,
  reason: string,
  now = new Date(),
): Promise<sales.Customer> {
  const row = await customers.get(m, id, ctx, { lock: true, access: 'owner' })
  if (row.version !== expectedVersion) throw preconditionFailed(presentCustomer(row))
  if (!row.ownerId) throw problem(409, 'sales.pool.already_in_pool')
  if (row.locked) throw problem(409, 'sales.pool.release_locked')
  const saved = await returnToPool(m, ctx, row, 'released', 'release', reason, now)
  await recordPoolEvent(m, {
    customerId: id,
    userId: row.ownerId,
    actorId: ctx.actor.id,
    action: 'release',
    at: now,
    reason,
  })
  await publishEvent(m, {
    topic: 'sales.customer.released',
    payload: { ...eventPayload(saved), reason },
    actorId: ctx.actor.id,
    // A manager releasing someone else's customer tells them; releasing your own needs no notice.
    notify:
      row.ownerId === ctx.actor.id
        ? []
        : [
            customerNotice(
              row.ownerId,
              'pool_released',
              saved,
              {
                zh: `客户「${saved.name}」已被移入公海`,
                en: `Customer "${saved.name}" was moved to the pool`,
              },
              {
                zh: `操作人：${ctx.actor.name ?? ''}；原因：${reason}`,
                en: `By ${ctx.actor.name ?? ''}: ${reason}`,
              },
            ),
          ],
  })
  return presentCustomer(saved, (await customers.accessOf(m, ctx.principal, saved)) ?? 'read')
}
