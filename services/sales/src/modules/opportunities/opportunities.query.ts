import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  presentWithAccess,
  textContains,
  listPage,
  liveRows,
  type CallerContext,
  type DomainDeps,
  type ListSpec,
  type RecordContext,
} from '@mosaic/service-kit'
import type { OpportunityRow } from './opportunities.entity.js'
import { presentOpportunity } from './opportunities.present.js'
import { opportunities } from './opportunities.store.js'

export const presentOpportunities = presentWithAccess(opportunities, presentOpportunity)

export async function presentOne(m: EntityManager, row: OpportunityRow, ctx?: RecordContext) {
  return (await presentOpportunities(m, ctx, [row]))[0]!
}

/** The opportunities list under the caller's scope: paged by the list, counted by the dashboard. */
export function opportunityList(m: EntityManager, ctx: CallerContext) {
  const spec: ListSpec<OpportunityRow, sales.OpportunityListQuery, sales.Opportunity> = {
    scope: opportunities.scopeWhere(ctx.principal, 'o'),
    filters: { q: (term) => textContains('o.name', term, 'q') },
    equal: ['customerId', 'stage', 'status', 'ownerId'],
    ranges: { created_at: ['createdFrom', 'createdTo'], expected_close_date: ['expectedFrom', 'expectedTo'] },
    present: (rows) => presentOpportunities(m, ctx, rows),
  }
  return { from: liveRows(opportunities, m, 'o'), spec }
}

export function listOpportunities(m: EntityManager, ctx: CallerContext, q: sales.OpportunityListQuery) {
  const { from, spec } = opportunityList(m, ctx)
  return listPage(from, q, spec)
}

/** Cards per kanban column; the column's count and sums always cover all of it. */
const ITEMS_PER_STAGE = 50
const CLOSED_COLUMNS = ['won', 'lost', 'invalid'] as const

interface Bucket {
  bucket: string
  count: number
  amount: string
  weighted: string
}

/**
 * Pipeline (kanban) and funnel: open opportunities per dictionary stage in the dictionary's order,
 * then closed ones under their outcome. Sums are exact numerics; the weighted amount is
 * Σ amount × probability / 100, rounded half-up to 2 decimals.
 */
export async function pipeline(
  m: EntityManager,
  principal: Principal,
  deps: DomainDeps,
  q: { ownerId?: string; from?: string; to?: string },
): Promise<sales.Pipeline> {
  const where = ['o.deleted_at IS NULL']
  const params: Record<string, unknown> = {}
  const add = (sql: string, values: Record<string, unknown>) => {
    where.push(sql)
    Object.assign(params, values)
  }
  const scope = opportunities.scopeWhere(principal, 'o')
  if (scope) add(scope.sql, scope.params)
  if (q.ownerId) add('o.owner_id = :ownerId', { ownerId: q.ownerId })
  if (q.from) add('o.created_at >= :from', { from: q.from })
  if (q.to) add('o.created_at <= :to', { to: q.to })
  // A close waiting for approval stays in its stage's column until it is applied.
  const bucket = `CASE WHEN o.status IN ('open', 'closing') THEN o.stage ELSE o.status END`
  const [sumSql, sumParams] = m.connection.driver.escapeQueryWithParameters(
    `SELECT ${bucket} AS bucket, count(*)::int AS count,
            coalesce(sum(o.expected_amount), 0)::numeric(18,2)::text AS amount,
            round(coalesce(sum(o.expected_amount * o.probability / 100.0), 0), 2)::numeric(18,2)::text AS weighted
     FROM opportunity o WHERE ${where.join(' AND ')} GROUP BY 1`,
    params,
  )
  const sums: Bucket[] = await m.query(sumSql, sumParams)
  const [itemSql, itemParams] = m.connection.driver.escapeQueryWithParameters(
    `SELECT * FROM (
       SELECT o.*, ${bucket} AS bucket,
              row_number() OVER (PARTITION BY ${bucket} ORDER BY o.expected_close_date NULLS LAST, o.created_at DESC) AS n
       FROM opportunity o WHERE ${where.join(' AND ')}
     ) x WHERE n <= ${ITEMS_PER_STAGE}`,
    params,
  )
  const items: Array<Record<string, unknown>> = await m.query(itemSql, itemParams)
  const stageEntries = (await deps.dicts.entries('opportunity_stage'))
    .filter((e) => !e.extra?.outcome)
    .sort((a, b) => a.sort - b.sort)
  const bySum = new Map(sums.map((s) => [s.bucket, s]))
  // Enabled stages always get a column; a disabled or unknown stage only while it holds opportunities.
  const order = [
    ...stageEntries.filter((e) => e.enabled || bySum.has(e.value)).map((e) => e.value),
    ...sums.map((s) => s.bucket).filter((b) => !stageEntries.some((e) => e.value === b) && !isClosed(b)),
    ...CLOSED_COLUMNS,
  ]
  const stages = order.map((stage) => {
    const s = bySum.get(stage)
    return {
      stage,
      count: s?.count ?? 0,
      amount: s?.amount ?? '0.00',
      weightedAmount: s?.weighted ?? '0.00',
      items: items
        .filter((i) => i.bucket === stage)
        .map((i) => ({
          id: i.id as string,
          name: i.name as string,
          customerName: i.customer_name as string,
          ownerName: (i.owner_name as string | null) ?? null,
          expectedAmount: (i.expected_amount as string | null) ?? null,
          probability: i.probability as number,
          expectedCloseDate: dateText(i.expected_close_date),
          version: i.version as number,
        })),
    }
  })
  return { stages, total: sums.reduce((n, s) => n + s.count, 0) }
}

const isClosed = (b: string) => (CLOSED_COLUMNS as readonly string[]).includes(b)

/** Raw `date` columns arrive as strings or as local-midnight Dates depending on the driver setup. */
function dateText(v: unknown): string | null {
  if (v == null) return null
  if (v instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`
  }
  return String(v)
}
