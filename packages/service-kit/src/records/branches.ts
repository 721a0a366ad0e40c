import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { WhereFragment } from './search.js'

/** At most this many combinations of alternatives are paged apart; beyond, the widest group is an OR again. */
export const MAX_BRANCHES = 8

/**
 * A list split along its alternatives (`WhereFragment.anyOf`: a rep's own customers or those shared
 * with them; a name or a number). `list` is `qb` plus the groups folded back into it as one OR each
 * once the combinations would pass MAX_BRANCHES; `branches` holds one query per combination of the
 * groups left apart (a group's alternatives times the next group's …), each the list narrowed by
 * its combination. The branches are disjoint — an alternative excludes the ones before it in its
 * group — so they are counted and merged with UNION ALL, no duplicate elimination. No groups apart:
 * no branches, `list` is the whole list.
 */
export function splitBranches<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, groups: WhereFragment[][]) {
  const apart = [...groups].sort((a, b) => a.length - b.length)
  const list = qb.clone()
  while (apart.length && apart.reduce((n, g) => n * g.length, 1) > MAX_BRANCHES) {
    const widest = apart.pop()!
    list.andWhere(`(${widest.map((f) => f.sql).join(' OR ')})`, mergedFragmentParams(widest))
  }
  if (!apart.length) return { list, branches: [] }
  let combos: WhereFragment[][] = [[]]
  for (const group of apart) {
    combos = combos.flatMap((combo) => group.map((_, k) => [...combo, onlyThrough(group, k)]))
  }
  const branches = combos.map((combo) => {
    const branch = list.clone()
    for (const where of combo) branch.andWhere(where.sql, where.params)
    return branch
  })
  return { list, branches }
}

/** The group's alternative `k`, and none of those before it (NULL counts as not holding). */
function onlyThrough(group: WhereFragment[], k: number): WhereFragment {
  const earlier = group.slice(0, k).map((f) => `(${f.sql}) IS NOT TRUE`)
  const sql = [group[k]!.sql, ...earlier].join(' AND ')
  return { sql: earlier.length ? `(${sql})` : sql, params: mergedFragmentParams(group.slice(0, k + 1)) }
}

/** The queries as one, parenthesised so each keeps its ORDER BY and LIMIT. */
export function unionAllSql(queries: SelectQueryBuilder<ObjectLiteral>[]): string {
  return queries.map((q) => `(${q.getQuery()})`).join(' UNION ALL ')
}

/** The parameters of several builders as one set (see mergedFragmentParams). */
export function mergedParameters(queries: SelectQueryBuilder<ObjectLiteral>[]): Record<string, unknown> {
  return mergedFragmentParams(queries.map((q) => ({ sql: '', params: q.getParameters() })))
}

/** The fragments' parameters as one set; a name bound to two different values is a bug in the list. */
export function mergedFragmentParams(fragments: WhereFragment[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  for (const { params } of fragments) {
    for (const [name, value] of Object.entries(params)) {
      if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(value)) {
        throw new Error(`List parameter :${name} is bound to two values`)
      }
      merged[name] = value
    }
  }
  return merged
}
