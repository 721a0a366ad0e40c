import { computed, reactive, shallowRef, watch, type Ref } from 'vue'
import type { Dashboard, DashboardFigure, DashboardQuery } from '@mosaic/schemas'
import { fetchDashboard, isDashboardService } from './api'
import { currentMonth } from './format'
import type { DashboardFeed } from './sources'

/** One service's answer: loading (skeletons), its figures, or unavailable (only its own cards blank). */
export type FeedState =
  | { feed: DashboardFeed; status: 'loading' }
  | { feed: DashboardFeed; status: 'ok'; data: Dashboard }
  | { feed: DashboardFeed; status: 'error'; error: unknown }

export interface DashboardControls {
  month: string
  view: 'scope' | 'me'
  /** Team view (managers only): the figures per member or per department. */
  groupBy: 'member' | 'dept' | undefined
}

/** A team row merged over the services: one member (or department) with every service's figures. */
export interface TeamRow {
  id: string | null
  name: string
  figures: Record<string, string>
}

async function loadOne(feed: DashboardFeed, query: DashboardQuery): Promise<FeedState> {
  try {
    if (!isDashboardService(feed.service)) throw new Error(`no dashboard contract for ${feed.service}`)
    return { feed, status: 'ok', data: await fetchDashboard(feed.service, query) }
  } catch (error) {
    return { feed, status: 'error', error }
  }
}

/**
 * The home page's data: every service fetched in parallel, each settling on its own (a failing
 * one marks only itself unavailable), again whenever the month, the view or the team grouping
 * changes; an answer superseded by a newer request is dropped.
 */
export function useDashboard(feeds: Ref<DashboardFeed[]>, initial: Partial<DashboardControls> = {}) {
  const controls = reactive<DashboardControls>({
    month: currentMonth(),
    view: 'scope',
    groupBy: undefined,
    ...initial,
  })
  const states = shallowRef<FeedState[]>([])
  let seq = 0

  async function load() {
    const mine = ++seq
    const query: DashboardQuery = { month: controls.month, view: controls.view }
    if (controls.groupBy) query.groupBy = controls.groupBy
    states.value = feeds.value.map((feed) => ({ feed, status: 'loading' }))
    await Promise.all(
      feeds.value.map(async (feed) => {
        const state = await loadOne(feed, query)
        if (mine !== seq) return
        states.value = states.value.map((s) => (s.feed.service === feed.service ? state : s))
      }),
    )
  }

  watch(
    [
      () => controls.month,
      () => controls.view,
      () => controls.groupBy,
      () => feeds.value.map((f) => f.service).join(),
    ],
    () => void load(),
    { immediate: true },
  )

  const answered = computed(() =>
    states.value.flatMap((s) => (s.status === 'ok' ? [{ feed: s.feed, data: s.data }] : [])),
  )
  const figures = computed(() => answered.value.flatMap((a) => a.data.figures))
  const mine = computed(() => answered.value.flatMap((a) => a.data.mine))
  const todo = computed(() => answered.value.flatMap((a) => a.data.todo))
  const trends = computed(() => answered.value.flatMap((a) => a.data.trends))
  const funnel = computed(() => answered.value.flatMap((a) => a.data.funnel))
  const team = computed(() => mergeTeam(answered.value.map((a) => a.data.team)))
  const teamKeys = computed(() => [...new Set(team.value.flatMap((r) => Object.keys(r.figures)))])
  /** Units of the team's figure keys (from the services' own figures), for formatting the table. */
  const units = computed(() => {
    const out: Record<string, DashboardFigure['unit']> = {}
    for (const f of [...figures.value, ...mine.value]) out[f.key] = f.unit
    return out
  })

  return { controls, states, load, figures, mine, todo, trends, funnel, team, teamKeys, units }
}

/** The same member (or department) from several services becomes one row holding all their figures. */
export function mergeTeam(lists: TeamRow[][]): TeamRow[] {
  const rows = new Map<string, TeamRow>()
  for (const list of lists) {
    for (const row of list) {
      const key = row.id ?? `name:${row.name}`
      const have = rows.get(key)
      if (have) have.figures = { ...have.figures, ...row.figures }
      else rows.set(key, { id: row.id, name: row.name, figures: { ...row.figures } })
    }
  }
  return [...rows.values()]
}
