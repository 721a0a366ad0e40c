import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { can } from '@mosaic/permissions'
import type { Dashboard, DashboardQuery, finance } from '@mosaic/schemas'
import {
  countTodo,
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
import { paymentListSpec } from '../payments/payments.service.js'
import { payments } from '../payments/payments.store.js'
import { receivableListSpec } from '../receivables/receivables.service.js'
import { receivables } from '../receivables/receivables.store.js'

type Ask = z.output<typeof DashboardQuery>

/** The finance app's lists the figures link to. */
const PAYMENTS_PAGE = '/finance/payments'
const RECEIVABLES_PAGE = '/finance/receivables'
const PAID_RANGE: [string, string] = ['paidFrom', 'paidTo']
const OWNERS = { owner: 'p.owner_id', dept: 'p.dept_id' }

/**
 * Money received counts in the month of its payment date (回款日期, the day the money came in, which
 * the list filters by), once confirmed: a payment waiting for approval or rejected is not received.
 */
const RECEIVED: Measure = { at: 'p.paid_on', atType: 'day', sum: 'p.amount' }

/** The payments list filter of a figure: confirmed payments, of the caller's receivables when `ownerId` is set. */
const confirmedOf = (ownerId?: string): finance.PaymentListQuery => ({ status: 'confirmed', ownerId })

/**
 * The finance service's part of the home dashboard (SPEC §6): the amount received in the month
 * against the month before, the caller's own, its trend and the team view (`finance.payment.read`);
 * the receivables overdue now (`finance.receivable.read`): the overview's `overdue` filter, the flag
 * the overdue round keeps. Each is an aggregate over its list's own rows (scope and filters).
 */
export async function financeDashboard(
  m: EntityManager,
  ctx: AggregateContext,
  ask: Ask,
  timeZone: string,
  now = new Date(),
): Promise<Dashboard> {
  const period = dashboardPeriod(ask.month, timeZone, now)
  const answer = emptyDashboard(period)
  const me = ctx.principal.userId
  const owner = ask.view === 'me' ? me : undefined
  if (can(ctx.principal, 'finance.payment.read')) {
    const rows = (filter: finance.PaymentListQuery) =>
      listedRows(liveRows(payments, m, 'p'), filter, paymentListSpec(ctx))
    const linkOf = (filter: finance.PaymentListQuery) =>
      dashboardLink(PAYMENTS_PAGE, { ...filter, ...dayRange(period.current, PAID_RANGE) })
    const received = await monthlySeries(rows(confirmedOf(owner)), RECEIVED, period.trend, timeZone)
    const mine = await monthlySeries(
      rows(confirmedOf(me)),
      RECEIVED,
      [period.previous, period.current],
      timeZone,
    )
    answer.figures.push(
      seriesFigure('finance.receivedAmount', 'money', received, period, linkOf(confirmedOf(owner))),
    )
    answer.mine.push(seriesFigure('finance.myReceived', 'money', mine, period, linkOf(confirmedOf(me))))
    answer.trends.push(seriesTrend('finance.receivedAmount', 'money', received))
    if (ask.groupBy) {
      const team = await teamSeries(
        rows(confirmedOf(owner)),
        ask.groupBy,
        OWNERS,
        RECEIVED,
        period.current,
        ctx.principal,
      )
      answer.team = await teamRows(m, ask.groupBy, { 'finance.receivedAmount': team })
    }
  }
  if (can(ctx.principal, 'finance.receivable.read')) {
    const overdue: finance.ReceivableListQuery = { overdue: 'true', ownerId: owner }
    const rows = listedRows(liveRows(receivables, m, 'r'), overdue, receivableListSpec(ctx))
    answer.todo.push(
      await countTodo('finance.overdueReceivables', rows, dashboardLink(RECEIVABLES_PAGE, overdue)),
    )
  }
  return answer
}
