/**
 * The home dashboard's shared part (SPEC §6, decision 112). A service's `GET /api/<svc>/dashboard`:
 *
 * 1. `dashboardPeriod(query.month, deps.timeZone)`: the month shown, the month before, twelve trend
 *    months (business time zone) and today.
 * 2. For each figure, the rows of the list its link opens: `listedRows(from, filter, spec)` with the
 *    list's own base query and `ListSpec` (export them from the list function, e.g. sales'
 *    `customerList(m, ctx)`), so scope and filters are the list's, and the figure equals its total.
 * 3. `monthlySeries(rows, { at: 'c.created_at', sum?: 'c.amount' }, period.trend, tz)`: one aggregate
 *    query; `seriesFigure(key, unit, series, period, dashboardLink(path, { ...filter,
 *    ...instantRange(period.current, ['createdFrom', 'createdTo']) }))` and `seriesTrend(key, unit, series)`.
 *    Date columns: `{ atType: 'day' }` and `dayRange`.
 * 4. To-do lines: `countTodo(key, rows, link)`; team view: `teamSeries(...)` per figure, then `teamRows`.
 *
 * Tests: `expectFiguresMatchLists({ call, token, apiPath, moneyOf? }, items)` from `./testing`.
 */
export * from './month.js'
export * from './figures.js'
export * from './team.js'
