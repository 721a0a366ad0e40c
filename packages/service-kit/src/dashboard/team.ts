import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { DashboardTeamRow } from '@mosaic/schemas'
import { compareDecimal, sumExact } from '@mosaic/money'
import { valueSql, type Measure } from './figures.js'
import type { MonthWindow } from './month.js'

export type TeamGroup = 'member' | 'dept'

/** Which qualified columns hold a row's owner and department. */
export interface TeamColumns {
  owner: string
  dept: string
}

/** Member or department id (null: no owner / no department, or not shown to the caller) → value. */
export type TeamSeries = Map<string | null, string>

/**
 * The window's value of `rows` per owner or department, in one aggregate query. A group is named
 * only when the caller's own scope reaches it (everything; their own records; the departments their
 * scope covers): records seen only as a team member of someone else's record are summed into the
 * null row, so a rep never learns other departments' people from the team view, and the rows still
 * add up to the scope's total.
 */
export async function teamSeries<T extends ObjectLiteral>(
  rows: SelectQueryBuilder<T>,
  groupBy: TeamGroup,
  columns: TeamColumns,
  measure: Measure,
  window: MonthWindow,
  principal: Principal,
): Promise<TeamSeries> {
  const q = rows.clone().orderBy().skip().take().offset().limit()
  const grouped = groupBy === 'member' ? columns.owner : columns.dept
  const shown = shownSql(principal, columns)
  q.select(shown === 'TRUE' ? `${grouped}::text` : `CASE WHEN ${shown} THEN ${grouped}::text END`, 'id')
    .addSelect(valueSql(measure), 'value')
    .setParameters({ teamMe: principal.userId, teamDepts: scopeDepts(principal) })
  if (measure.atType === 'day') {
    q.andWhere(`${measure.at} >= :teamFirstDay AND ${measure.at} <= :teamLastDay`, {
      teamFirstDay: window.firstDay,
      teamLastDay: window.lastDay,
    })
  } else {
    q.andWhere(`${measure.at} >= :teamFrom AND ${measure.at} < :teamTo`, {
      teamFrom: window.from,
      teamTo: window.to,
    })
  }
  const found = await q.groupBy('1').getRawMany<{ id: string | null; value: string }>()
  return new Map(found.map((r) => [r.id, String(r.value)]))
}

/** Whether the caller's own scope (not a team share) reaches a row, as SQL; 'TRUE' for everything. */
function shownSql(p: Principal, columns: TeamColumns): string {
  if (p.kind === 'service' || p.dataScope === 'all') return 'TRUE'
  const mine = `${columns.owner} = :teamMe`
  if (p.dataScope === 'self' || !scopeDepts(p).length) return `(${mine})`
  return `(${mine} OR ${columns.dept} IN (:...teamDepts))`
}

function scopeDepts(p: Principal): string[] {
  return p.scopeDeptIds?.length ? p.scopeDeptIds : p.deptId ? [p.deptId] : []
}

/**
 * The team view's rows: one per member (or department) found in any figure's series, each with
 * every figure (0 when absent), named from the kit's user / department replicas ('' for the null
 * row — no owner, or outside the caller's own scope — which the client labels), largest first by
 * the first figure, then by name.
 */
export async function teamRows(
  m: EntityManager,
  groupBy: TeamGroup,
  figures: Record<string, TeamSeries>,
): Promise<DashboardTeamRow[]> {
  const ids = new Set<string | null>()
  for (const series of Object.values(figures)) for (const id of series.keys()) ids.add(id)
  const names = await namesOf(
    m,
    groupBy,
    [...ids].filter((id): id is string => id !== null),
  )
  const keys = Object.keys(figures)
  const rows = [...ids].map((id) => ({
    id,
    name: id === null ? '' : (names.get(id) ?? ''),
    figures: Object.fromEntries(keys.map((k) => [k, figures[k]!.get(id) ?? '0'])),
  }))
  const first = keys[0]
  return rows.sort(
    (a, b) =>
      (first ? compareDecimal(b.figures[first]!, a.figures[first]!) : 0) ||
      Number(a.id === null) - Number(b.id === null) ||
      a.name.localeCompare(b.name),
  )
}

/** Sums a figure over the team rows (exact decimals): a check that they add up to the total. */
export function teamTotal(rows: DashboardTeamRow[], key: string): string {
  return sumExact(rows.map((r) => r.figures[key] ?? '0'))
}

async function namesOf(m: EntityManager, groupBy: TeamGroup, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const sql =
    groupBy === 'member'
      ? 'SELECT id::text, display_name AS name FROM user_replica WHERE id = ANY($1::uuid[])'
      : 'SELECT id::text, name FROM dept_replica WHERE id = ANY($1::uuid[])'
  const rows: Array<{ id: string; name: string }> = await m.query(sql, [ids])
  return new Map(rows.map((r) => [r.id, r.name]))
}
