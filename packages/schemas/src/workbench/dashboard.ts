import { z } from 'zod'
import { IsoDateTime } from '../common.js'

/**
 * The home dashboard (首页, SPEC §6): each service answers `GET /api/<service>/dashboard` with the
 * figures it owns, computed in SQL under the caller's data scope exactly as its lists filter, so a
 * figure equals the total of the list its `link` opens. Figures the caller may not read are left out.
 */
export const DASHBOARD_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

export const DashboardQuery = z.object({
  /** The month shown (`YYYY-MM`, business time zone); default: the current month. */
  month: z.string().regex(DASHBOARD_MONTH, 'validation.month').optional(),
  /** `scope`: everything the caller's data scope shows; `me`: only records the caller owns. */
  view: z.enum(['scope', 'me']).default('scope'),
  /** Team view for managers: the month's figures per owner or per department, within scope. */
  groupBy: z.enum(['member', 'dept']).optional(),
})
export type DashboardQuery = z.input<typeof DashboardQuery>

/** A list the figure counts: an app path and the list filters (the same filter the figure used). */
export const DashboardLink = z.object({
  path: z.string(),
  query: z.record(z.string(), z.string()),
})
export type DashboardLink = z.infer<typeof DashboardLink>

/**
 * One KPI: `<service>.<name>` (`sales.newCustomers`); its label is the remote's message
 * `dashboard.<key>`. Counts and money are decimal text; the client computes month-on-month.
 */
export const DashboardFigure = z.object({
  key: z.string(),
  unit: z.enum(['count', 'money']),
  value: z.string(),
  previous: z.string(),
  link: DashboardLink.optional(),
})
export type DashboardFigure = z.infer<typeof DashboardFigure>

/** A to-do line (待办): how many, and the list that shows them. */
export const DashboardTodo = z.object({ key: z.string(), count: z.number().int(), link: DashboardLink })
export type DashboardTodo = z.infer<typeof DashboardTodo>

/** The twelve months up to the month shown, oldest first. */
export const DashboardTrend = z.object({
  key: z.string(),
  unit: z.enum(['count', 'money']),
  points: z.array(z.object({ month: z.string(), value: z.string() })),
})
export type DashboardTrend = z.infer<typeof DashboardTrend>

/** The sales funnel: open opportunities by stage (dictionary value, in the dictionary's order). */
export const DashboardFunnelStage = z.object({
  stage: z.string(),
  count: z.number().int(),
  amount: z.string(),
})
export type DashboardFunnelStage = z.infer<typeof DashboardFunnelStage>

/** A member's or department's figures in the team view (figure key → value). */
export const DashboardTeamRow = z.object({
  id: z.string().nullable(),
  name: z.string(),
  figures: z.record(z.string(), z.string()),
})
export type DashboardTeamRow = z.infer<typeof DashboardTeamRow>

export const Dashboard = z.object({
  month: z.string(),
  from: IsoDateTime,
  to: IsoDateTime,
  /** This month against last month. */
  figures: z.array(DashboardFigure),
  /** My performance this month (records I own), whatever the view. */
  mine: z.array(DashboardFigure),
  todo: z.array(DashboardTodo),
  trends: z.array(DashboardTrend),
  funnel: z.array(DashboardFunnelStage),
  /** Filled when `groupBy` is asked. */
  team: z.array(DashboardTeamRow),
})
export type Dashboard = z.infer<typeof Dashboard>
