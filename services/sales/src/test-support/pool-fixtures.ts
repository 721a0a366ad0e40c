import { randomUUID } from 'node:crypto'
import { upsertRuleReplica, upsertUserReplica, POOL_RULE_KEY } from '@mosaic/service-kit'
import type { CustomerRow, ContactRow } from '../modules/customers/customers.entity.js'
import { contacts, customers } from '../modules/customers/customers.store.js'
import type { LeadRow } from '../modules/leads/leads.entity.js'
import { leads } from '../modules/leads/leads.store.js'
import type { OpportunityRow } from '../modules/opportunities/opportunities.entity.js'
import { NOT_CLOSED, opportunities } from '../modules/opportunities/opportunities.store.js'
import { DEFAULT_POOL_RULES, type PoolRules } from '../modules/pool/recycle-rules.js'
import type { SalesHarness, TestUser } from './harness.js'

export interface CustomerSeed {
  owner?: TestUser | null
  name?: string
  level?: string | null
  status?: string
  source?: string | null
  locked?: boolean
  dealStatus?: 'undealt' | 'dealt'
  ownerSince?: Date | null
  lastFollowUpAt?: Date | null
  lastDealAt?: Date | null
  poolEnteredAt?: Date | null
  previousOwner?: TestUser | null
  createdAt?: Date
}

/**
 * Records written straight through the stores (as the customers module would), so pool and
 * transfer tests control owners and clocks exactly.
 */
export function poolFixtures(h: SalesHarness) {
  const db = h.service.db
  const ctx = { actor: { id: null, name: 'fixture' } }
  let seq = 0
  let rulesVersion = 0

  async function customer(o: CustomerSeed = {}): Promise<CustomerRow> {
    const n = ++seq
    const owner = o.owner ?? null
    const values = {
      number: `KH-T${String(n).padStart(5, '0')}-${randomUUID().slice(0, 6)}`,
      name: o.name ?? `Customer ${n} ${randomUUID().slice(0, 8)}`,
      status: o.status ?? 'potential',
      level: o.level ?? 'B',
      industry: null,
      source: o.source ?? null,
      ownerId: owner?.id ?? null,
      ownerName: owner?.name ?? null,
      deptId: owner?.deptId ?? null,
      phone: null,
      address: null,
      website: null,
      remark: null,
      dealStatus: o.dealStatus ?? 'undealt',
      locked: o.locked ?? false,
      lastFollowUpAt: o.lastFollowUpAt ?? null,
      nextFollowUpAt: null,
      lastDealAt: o.lastDealAt ?? null,
      ownerSince: o.ownerSince !== undefined ? o.ownerSince : owner ? new Date() : null,
      poolEnteredAt: o.poolEnteredAt ?? (owner ? null : new Date()),
      poolReason: null,
      previousOwnerId: o.previousOwner?.id ?? null,
      previousOwnerName: o.previousOwner?.name ?? null,
      primaryContactName: null,
      primaryContactPhone: null,
      leadId: null,
      leadNumber: null,
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    }
    return db.transaction(async (m) => {
      const row = await customers.create(m, ctx, values as never)
      if (o.createdAt)
        await m.query('UPDATE customer SET created_at = $2 WHERE id = $1', [row.id, o.createdAt])
      return (await customers.find(m, row.id))!
    })
  }

  async function contact(c: CustomerRow, name = `Contact ${++seq}`): Promise<ContactRow> {
    return db.transaction((m) =>
      contacts.create(m, ctx, {
        customerId: c.id,
        name,
        title: null,
        phone: null,
        email: null,
        isPrimary: false,
        remark: null,
        ownerId: c.ownerId,
        deptId: c.deptId,
      }),
    )
  }

  async function opportunity(c: CustomerRow, owner: TestUser | null): Promise<OpportunityRow> {
    return db.transaction((m) =>
      opportunities.create(m, ctx, {
        name: `Deal ${++seq}`,
        customerId: c.id,
        customerName: c.name,
        contactId: null,
        contactName: null,
        stage: 'initial',
        probability: 10,
        source: null,
        type: null,
        ownerId: owner?.id ?? null,
        ownerName: owner?.name ?? null,
        deptId: owner?.deptId ?? null,
        expectedAmount: null,
        expectedCloseDate: null,
        products: [],
        remark: null,
        status: 'open',
        ...NOT_CLOSED,
        lastFollowUpAt: null,
        nextFollowUpAt: null,
        leadId: null,
      }),
    )
  }

  async function lead(owner: TestUser): Promise<LeadRow> {
    const n = ++seq
    return db.transaction((m) =>
      leads.create(m, ctx, {
        number: `XS-T${n}-${randomUUID().slice(0, 6)}`,
        name: `Lead ${n}`,
        contactName: null,
        phone: null,
        email: null,
        source: null,
        status: 'new',
        ownerId: owner.id,
        ownerName: owner.name,
        deptId: owner.deptId,
        address: null,
        industry: null,
        remark: null,
        lastFollowUpAt: null,
        nextFollowUpAt: null,
        invalidReason: null,
        convertedAt: null,
        convertedCustomerId: null,
        convertedContactId: null,
        convertedOpportunityId: null,
      }),
    )
  }

  /** Sets the pool rule as if admin had replicated it (defaults for whatever is not given). */
  async function setRules(patch: Partial<PoolRules>): Promise<PoolRules> {
    const rules = { ...DEFAULT_POOL_RULES, ...patch }
    await db.transaction((m) => upsertRuleReplica(m, 'pool', POOL_RULE_KEY, ++rulesVersion + 1000, rules))
    return rules
  }

  const reload = (id: string) => db.transaction(async (m) => (await customers.find(m, id))!)

  /** A user sales knows (in its replica) as disabled, in `deptId`: an owner nothing may go to. */
  async function disabledUser(deptId: string): Promise<string> {
    const id = randomUUID()
    await db.transaction((m) =>
      upsertUserReplica(m, {
        id,
        username: 'gone',
        displayName: 'Gone',
        deptId,
        enabled: false,
        version: 1,
      }),
    )
    return id
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows, read field by field by the tests
  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> =>
    db.transaction((m) => m.query(sql, params))

  return { customer, contact, opportunity, lead, setRules, reload, disabledUser, query }
}
