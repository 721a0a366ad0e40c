import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { can } from '@mosaic/permissions'
import type { Dashboard, DashboardQuery, tickets } from '@mosaic/schemas'
import {
  countTodo,
  dashboardLink,
  dashboardPeriod,
  emptyDashboard,
  instantRange,
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
import { ticketListSpec } from '../tickets/tickets.service.js'
import { ticketStore } from '../tickets/tickets.store.js'

type Ask = z.output<typeof DashboardQuery>

/** The service app's tickets list (工单管理), its 超时工单 tab included. */
const TICKETS_PAGE = '/service/tickets'
/** A ticket's owner is its assignee (the list's and the scope's owner). */
const OWNERS = { owner: 't.assignee_id', dept: 't.dept_id' }
/** New tickets: counted in the business month they were created in. */
const CREATED: Measure = { at: 't.created_at' }

/**
 * The tickets service's part of the home dashboard (SPEC §6), with `tickets.ticket.read`: the
 * tickets created in the month against the month before, their trend and the team view (by
 * assignee or department); and the to-do line of tickets breaching their SLA — still open with a
 * response or resolution due time missed, the 超时工单 list narrowed to the open ones (a breached
 * ticket since resolved needs nobody). `view=me`: the tickets assigned to the caller.
 */
export async function ticketsDashboard(
  m: EntityManager,
  ctx: AggregateContext,
  ask: Ask,
  timeZone: string,
  now = new Date(),
): Promise<Dashboard> {
  const period = dashboardPeriod(ask.month, timeZone, now)
  const answer = emptyDashboard(period)
  if (!can(ctx.principal, 'tickets.ticket.read')) return answer
  const assigneeId = ask.view === 'me' ? ctx.principal.userId : undefined
  const rows = (filter: tickets.TicketListQuery) =>
    listedRows(liveRows(ticketStore, m, 't'), filter, ticketListSpec(ctx))
  const created = await monthlySeries(rows({ assigneeId }), CREATED, period.trend, timeZone)
  const createdLink = dashboardLink(TICKETS_PAGE, { assigneeId, ...instantRange(period.current) })
  answer.figures.push(seriesFigure('tickets.newTickets', 'count', created, period, createdLink))
  answer.trends.push(seriesTrend('tickets.newTickets', 'count', created))
  const breaching: tickets.TicketListQuery = { breached: 'any', open: 'true', assigneeId }
  answer.todo.push(
    await countTodo('tickets.breaching', rows(breaching), dashboardLink(TICKETS_PAGE, breaching)),
  )
  if (ask.groupBy) {
    const team = await teamSeries(
      rows({ assigneeId }),
      ask.groupBy,
      OWNERS,
      CREATED,
      period.current,
      ctx.principal,
    )
    answer.team = await teamRows(m, ask.groupBy, { 'tickets.newTickets': team })
  }
  return answer
}
