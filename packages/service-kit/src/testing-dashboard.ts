import { expect } from 'vitest'
import type { DashboardFigure, DashboardLink, DashboardTodo } from '@mosaic/schemas'
import type { CallOptions, Reply } from './testing-harness.js'

/** A harness' `call` (or any function with its shape) that reaches the list a link names. */
export type ListCall = (method: string, path: string, o?: CallOptions) => Promise<Reply>

export interface FigureListCheck {
  call: ListCall
  /** The user the dashboard answered (the list is read as the same user). */
  token: string
  /** The API path (relative to `call`'s base) of a link's app path: `(p) => p.replace(/^\/sales/, '')`. */
  apiPath: (appPath: string) => string
  /** For money figures: the amount the list shows for the same filter (e.g. a sum over its items). */
  moneyOf?: (figure: DashboardFigure, list: Reply) => string | Promise<string>
}

/** The path and query string a link opens, for `call`. */
export function linkRequest(link: DashboardLink, apiPath: (appPath: string) => string): string {
  const query = new URLSearchParams(link.query).toString()
  return `${apiPath(link.path)}${query ? `?${query}` : ''}`
}

/**
 * The list a link opens, read as `token`: asserted to answer 200 with an exact (uncapped) total.
 * A list answered as a plain array (e.g. sales' `/pool/upcoming`) has its length as total.
 */
export async function linkedList(check: FigureListCheck, link: DashboardLink): Promise<Reply> {
  const res = await check.call('GET', linkRequest(link, check.apiPath), { token: check.token })
  expect(res.status, `${link.path} ${JSON.stringify(res.body)}`).toBe(200)
  if (!Array.isArray(res.body)) expect(res.body.totalCapped, `${link.path}: total capped`).toBe(false)
  return res
}

/** The total a list reply shows: its page's `total`, or a plain array's length. */
export function listTotal(list: Reply): number {
  return Array.isArray(list.body) ? list.body.length : list.body.total
}

/**
 * Asserts that every figure and to-do line equals the total of the list its link opens, read by
 * the same user with the same filter (SPEC §7.4: dashboards apply the lists' scope). A figure
 * without a link fails: each one the dashboard shows must be checkable. Returns how many were checked.
 */
export async function expectFiguresMatchLists(
  check: FigureListCheck,
  items: ReadonlyArray<DashboardFigure | DashboardTodo>,
): Promise<number> {
  for (const item of items) {
    expect(item.link, `${item.key} has no link`).toBeDefined()
    const list = await linkedList(check, item.link!)
    if ('count' in item) {
      expect(listTotal(list), item.key).toBe(item.count)
    } else if (item.unit === 'count') {
      expect(String(listTotal(list)), item.key).toBe(item.value)
    } else {
      expect(check.moneyOf, `${item.key}: a money figure needs moneyOf`).toBeDefined()
      expect(await check.moneyOf!(item, list), item.key).toBe(item.value)
    }
  }
  return items.length
}
