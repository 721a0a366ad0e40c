import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { can } from '@mosaic/permissions'
import type { Dashboard, DashboardQuery, orders } from '@mosaic/schemas'
import {
  dashboardLink,
  dashboardPeriod,
  emptyDashboard,
  dayRange,
  listedRows,
  liveRows,
  monthlySeries,
  seriesFigure,
  seriesTrend,
  teamRows,
  teamSeries,
  type AggregateContext,
  type Measure,
} from '@mosaic/service-kit'
import { contracts } from '../contracts/contracts.store.js'
import { contractListSpec } from '../contracts/contracts.service.js'

type Ask = z.output<typeof DashboardQuery>

/** The sales app's contracts list (销售合同), where every contract figure links. */
const CONTRACTS_PAGE = '/sales/contracts'
const SIGN_RANGE: [string, string] = ['signFrom', 'signTo']
const OWNERS = { owner: 'c.owner_id', dept: 'c.dept_id' }

/**
 * A contract counts in the month of its sign date (签订日期: the business date the parties signed,
 * which the list filters by), once it took effect (`signed=true`: approved, and whatever became of
 * it since except voided). Drafts, contracts waiting for approval, rejected and voided ones are left
 * out, as is a contract without a sign date: the list with the same filter shows none of them.
 */
const AMOUNT: Measure = { at: 'c.sign_date', atType: 'day', sum: 'c.total' }
const COUNT: Measure = { at: 'c.sign_date', atType: 'day' }

/** The contracts list filter of a figure: signed contracts, the caller's own when `ownerId` is set. */
const signedOf = (ownerId?: string): orders.ContractListQuery => ({ signed: 'true', ownerId })

/**
 * The orders service's part of the home dashboard (SPEC §6): the contract amount signed in the
 * month against the month before, the caller's own contracts and amount, the amount's trend, and
 * the team view. Every value is an aggregate over the contracts list's own rows (its scope and
 * filters), so it equals the list its link opens. Nothing without `orders.contract.read`.
 */
export async function ordersDashboard(
  m: EntityManager,
  ctx: AggregateContext,
  ask: Ask,
  timeZone: string,
  now = new Date(),
): Promise<Dashboard> {
  const period = dashboardPeriod(ask.month, timeZone, now)
  const answer = emptyDashboard(period)
  if (!can(ctx.principal, 'orders.contract.read')) return answer
  const me = ctx.principal.userId
  const shown = signedOf(ask.view === 'me' ? me : undefined)
  const rows = (filter: orders.ContractListQuery) =>
    listedRows(liveRows(contracts, m, 'c'), filter, contractListSpec(ctx))
  const linkOf = (filter: orders.ContractListQuery) =>
    dashboardLink(CONTRACTS_PAGE, { ...filter, ...dayRange(period.current, SIGN_RANGE) })
  const monthOnMonth = (filter: orders.ContractListQuery, measure: Measure) =>
    monthlySeries(rows(filter), measure, [period.previous, period.current], timeZone)

  const amount = await monthlySeries(rows(shown), AMOUNT, period.trend, timeZone)
  const count = await monthOnMonth(shown, COUNT)
  answer.figures = [
    seriesFigure('orders.contractAmount', 'money', amount, period, linkOf(shown)),
    seriesFigure('orders.signedContracts', 'count', count, period, linkOf(shown)),
  ]
  const mine = signedOf(me)
  answer.mine = [
    seriesFigure('orders.myContracts', 'count', await monthOnMonth(mine, COUNT), period, linkOf(mine)),
    seriesFigure('orders.myContractAmount', 'money', await monthOnMonth(mine, AMOUNT), period, linkOf(mine)),
  ]
  answer.trends = [seriesTrend('orders.contractAmount', 'money', amount)]
  const groupBy = ask.groupBy
  if (groupBy) {
    const team = (measure: Measure) =>
      teamSeries(rows(shown), groupBy, OWNERS, measure, period.current, ctx.principal)
    answer.team = await teamRows(m, groupBy, {
      'orders.contractAmount': await team(AMOUNT),
      'orders.signedContracts': await team(COUNT),
    })
  }
  return answer
}
