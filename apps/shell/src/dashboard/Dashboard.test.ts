import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { ElDatePicker } from 'element-plus'
import type { Dashboard } from '@mosaic/schemas'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { addMessages, setLocale, type RemoteModule } from '@mosaic/web-kit'
import { json, stubFetch } from '@mosaic/web-kit/test-utils'
import { mountInShell, page } from '../test/harness'
import { useRemotesStore, type RemoteState } from '../remotes/store'
import HomeView from '../views/HomeView.vue'
import { currentMonth, humanizeKey, monthOnMonth } from './format'

// The chart itself is ECharts on a canvas; the test reads the option it was given.
vi.mock('./DashboardChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { option: { type: Object, required: true }, height: Number },
    setup: (props) => () => h('div', { class: 'chart-stub', 'data-option': JSON.stringify(props.option) }),
  }),
}))

enableAutoUnmount(afterEach)

const dictLocale = ref('zh-CN')
beforeEach(() => {
  setLocale('zh-CN')
  dictLocale.value = 'zh-CN'
  configureDictionaries({
    locale: dictLocale,
    load: async () => [
      {
        code: 'opportunity_stage',
        name: { zh: '商机阶段', en: 'Stage' },
        builtIn: true,
        entries: [
          {
            typeCode: 'opportunity_stage',
            value: 'qualify',
            label: { zh: '初步洽谈', en: 'Qualify' },
            color: null,
            sort: 1,
            enabled: true,
          },
          {
            typeCode: 'opportunity_stage',
            value: 'proposal',
            label: { zh: '方案报价', en: 'Proposal' },
            color: null,
            sort: 2,
            enabled: true,
          },
        ],
      },
    ],
  })
})

function remote(
  name: string,
  dashboard: RemoteModule['dashboard'],
  labels: Record<string, [string, string]>,
): RemoteState {
  const zh: Record<string, Record<string, string>> = {}
  const en: Record<string, Record<string, string>> = {}
  for (const [key, [z, e]] of Object.entries(labels)) {
    const [svc, name] = key.split('.') as [string, string]
    ;(zh[svc] ??= {})[name] = z
    ;(en[svc] ??= {})[name] = e
  }
  const module: RemoteModule = {
    name,
    title: { zh: `${name}-模块`, en: `${name} module` },
    basePath: `/${name}`,
    routes: [{ path: 'home', component: page(name), meta: { title: { zh: name, en: name } } }],
    messages: { 'zh-CN': { dashboard: zh }, en: { dashboard: en } },
    dashboard,
  }
  return {
    name,
    entry: { name, entry: `/remotes/${name}/remoteEntry.js` },
    basePath: `/${name}`,
    title: module.title,
    status: 'ok',
    module,
  }
}

const salesRemote = remote(
  'sales',
  [
    { service: 'sales', anyOf: ['sales.customer.read'] },
    { service: 'orders', anyOf: ['orders.contract.read'] },
  ],
  {
    'sales.newCustomers': ['新增客户', 'New customers'],
    'sales.myCustomers': ['我的新增客户', 'My new customers'],
    'sales.followupsDueToday': ['今日待跟进', 'Follow-ups due today'],
    'orders.contractAmount': ['合同金额', 'Contract amount'],
  },
)
const financeRemote = remote('finance', [{ service: 'finance', anyOf: ['finance.payment.read'] }], {
  'finance.receivedAmount': ['回款金额', 'Amount received'],
})
const serviceDown: RemoteState = {
  name: 'service',
  entry: { name: 'service', entry: '/remotes/service/remoteEntry.js' },
  basePath: '/service',
  status: 'unavailable',
  error: new Error('down'),
}

function answer(over: Partial<Dashboard>): Dashboard {
  return {
    month: '2026-12',
    from: '2026-11-30T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
    figures: [],
    mine: [],
    todo: [],
    trends: [],
    funnel: [],
    team: [],
    ...over,
  }
}

/** The services behind the api client: sales, orders and finance answer; `failing` ones answer 503. */
function fakeServices(failing: string[] = []) {
  const { calls } = stubFetch((call) => {
    const url = new URL(call.url, 'http://shell.test')
    const m = /^\/api\/(\w+)\/dashboard$/.exec(url.pathname)
    if (!m) return json(200, { count: 0, todo: 0 })
    const svc = m[1]!
    if (failing.includes(svc)) return json(503, { type: 'about:blank', title: 'Unavailable', status: 503 })
    const month = url.searchParams.get('month')!
    const link = {
      path: '/sales/customers',
      query: { createdFrom: '2026-11-30T16:00:00.000Z', createdTo: '2026-12-31T15:59:59.999Z' },
    }
    if (svc === 'sales')
      return json(
        200,
        answer({
          month,
          figures: [
            {
              key: 'sales.newCustomers',
              unit: 'count',
              value: month === '2026-11' ? '7' : '1234',
              previous: '1000',
              link,
            },
          ],
          mine: [{ key: 'sales.myCustomers', unit: 'count', value: '5', previous: '8' }],
          todo: [
            {
              key: 'sales.followupsDueToday',
              count: 3,
              link: { path: '/sales/follow-ups', query: { dueFrom: '2026-12-05', dueTo: '2026-12-05' } },
            },
            { key: 'sales.customersToRecycle', count: 0, link: { path: '/sales/pool', query: {} } },
          ],
          trends: [
            {
              key: 'sales.newCustomers',
              unit: 'count',
              points: [
                { month: '2026-11', value: '1000' },
                { month: '2026-12', value: '1234' },
              ],
            },
          ],
          funnel: [
            { stage: 'qualify', count: 10, amount: '100000' },
            { stage: 'proposal', count: 4, amount: '52000.5' },
          ],
          team: url.searchParams.get('groupBy')
            ? [
                { id: 'u1', name: '王芳', figures: { 'sales.newCustomers': '700' } },
                { id: 'u2', name: '李雷', figures: { 'sales.newCustomers': '534' } },
              ]
            : [],
        }),
      )
    if (svc === 'orders')
      return json(
        200,
        answer({
          figures: [{ key: 'orders.contractAmount', unit: 'money', value: '1234567.5', previous: '0' }],
          team: url.searchParams.get('groupBy')
            ? [{ id: 'u1', name: '王芳', figures: { 'orders.contractAmount': '1234567.50' } }]
            : [],
        }),
      )
    return json(
      200,
      answer({ figures: [{ key: 'finance.receivedAmount', unit: 'money', value: '900', previous: '1000' }] }),
    )
  })
  const dashboardCalls = () =>
    calls
      .map((c) => new URL(c.url, 'http://shell.test'))
      .filter((u) => u.pathname.endsWith('/dashboard'))
      .map(
        (u) =>
          ({ service: u.pathname.split('/')[2], ...Object.fromEntries(u.searchParams) }) as Record<
            string,
            string
          >,
      )
  return { dashboardCalls }
}

const ALL = ['sales.customer.read', 'orders.contract.read', 'finance.payment.read']

async function mountHome(
  opts: { permissions?: string[]; dataScope?: 'self' | 'dept' | 'all'; remotes?: RemoteState[] } = {},
) {
  const remotes = opts.remotes ?? [salesRemote, financeRemote]
  const { wrapper, router } = await mountInShell(
    HomeView,
    [
      { path: '/', component: page('home') },
      { path: '/:any(.*)*', component: page('a list') },
    ],
    {
      as: { permissions: opts.permissions ?? ALL, dataScope: opts.dataScope ?? 'all' },
      before: () => {
        const store = useRemotesStore()
        store.remotes = remotes
        store.loaded = true
      },
    },
  )
  // As the remotes store does on load, into the page's i18n (the harness makes one per mount).
  for (const r of remotes) addMessages(r.module?.messages)
  await settle()
  return { wrapper, router }
}

async function settle() {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
}

const card = (w: Awaited<ReturnType<typeof mountHome>>['wrapper'], key: string) =>
  w.get(`[data-testid="kpi-${key}"]`)

describe('the home dashboard', () => {
  it('asks every declared service in parallel for this month and draws their cards with month-on-month', async () => {
    const api = fakeServices()
    const { wrapper } = await mountHome()
    expect(
      api
        .dashboardCalls()
        .map((c) => c.service)
        .sort(),
    ).toEqual(['finance', 'orders', 'sales'])
    expect(api.dashboardCalls()[0]).toMatchObject({ month: currentMonth(), view: 'scope', groupBy: 'member' })

    const customers = card(wrapper, 'sales.newCustomers')
    expect(customers.text()).toContain('新增客户')
    expect(customers.get('[data-testid="kpi-value"]').text()).toBe('1,234')
    expect(customers.get('[data-testid="kpi-mom"]').text()).toBe('环比 +23.4%')
    expect(customers.get('[data-testid="kpi-mom"]').attributes('data-trend')).toBe('up')
    // The value opens the list the figure counts, with the same filter.
    expect(customers.get('a').attributes('href')).toBe(
      '/sales/customers?createdFrom=2026-11-30T16:00:00.000Z&createdTo=2026-12-31T15:59:59.999Z',
    )
    const amount = card(wrapper, 'orders.contractAmount')
    expect(amount.get('[data-testid="kpi-value"]').text()).toBe('¥1,234,567.50')
    expect(amount.get('[data-testid="kpi-mom"]').text()).toBe('环比 —')
    const received = card(wrapper, 'finance.receivedAmount')
    expect(received.get('[data-testid="kpi-mom"]').text()).toBe('环比 -10.0%')
    expect(received.get('[data-testid="kpi-mom"]').attributes('data-trend')).toBe('down')
    // My performance, the funnel in the dictionary's labels, the trend.
    expect(wrapper.get('[data-testid="dashboard-mine"]').text()).toContain('我的新增客户')
    const funnel = JSON.parse(
      wrapper.get('[data-testid="dashboard-funnel"] .chart-stub').attributes('data-option')!,
    )
    expect(funnel.series[0].data).toEqual([
      { name: '初步洽谈', value: 10 },
      { name: '方案报价', value: 4 },
    ])
    const trend = JSON.parse(
      wrapper.get('[data-testid="trend-sales.newCustomers"] .chart-stub').attributes('data-option')!,
    )
    expect(trend.xAxis.data).toEqual(['2026-11', '2026-12'])
    // The module cards stay below.
    expect(wrapper.find('[data-testid="module-card-sales"]').exists()).toBe(true)
  })

  it('each to-do line is a link to its list with its filter; a label without a message reads as the key humanised', async () => {
    fakeServices()
    const { wrapper, router } = await mountHome()
    const due = wrapper.get('[data-testid="todo-sales.followupsDueToday"]')
    expect(due.text()).toBe('今日待跟进')
    expect(wrapper.get('[data-testid="todo-sales.customersToRecycle"]').text()).toBe('Customers to recycle')
    await due.trigger('click')
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/sales/follow-ups?dueFrom=2026-12-05&dueTo=2026-12-05')
  })

  it('a failing service blanks only its own cards, with a note; the rest renders', async () => {
    fakeServices(['orders'])
    const { wrapper } = await mountHome()
    expect(wrapper.find('[data-testid="kpi-orders.contractAmount"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="dashboard-down-orders"]').text()).toContain(
      '「sales-模块」的数据暂不可用',
    )
    expect(wrapper.find('[data-testid="kpi-sales.newCustomers"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="kpi-finance.receivedAmount"]').exists()).toBe(true)
  })

  it("a down remote's cards show it as unavailable; the other remotes' figures render", async () => {
    fakeServices()
    const { wrapper } = await mountHome({ remotes: [salesRemote, financeRemote, serviceDown] })
    expect(wrapper.get('[data-testid="dashboard-remote-down-service"]').text()).toContain('客户服务')
    expect(wrapper.find('[data-testid="kpi-sales.newCustomers"]').exists()).toBe(true)
  })

  it('asks only the services the user may see', async () => {
    const api = fakeServices()
    await mountHome({ permissions: ['finance.payment.read'] })
    expect(api.dashboardCalls().map((c) => c.service)).toEqual(['finance'])
  })

  it('shows skeletons while loading, distinct from empty', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    stubFetch(async (call) => {
      if (call.url.includes('/dashboard')) await gate
      return json(200, answer({}))
    })
    const { wrapper } = await mountHome({ remotes: [financeRemote] })
    expect(wrapper.find('[data-testid="kpi-loading-finance"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dashboard-empty"]').exists()).toBe(false)
    release()
    await settle()
    expect(wrapper.find('[data-testid="kpi-loading-finance"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="dashboard-empty"]').exists()).toBe(true)
  })

  it('the team view is only for wider scopes, by member or by department', async () => {
    const api = fakeServices()
    const { wrapper } = await mountHome({ dataScope: 'dept' })
    const table = wrapper.get('[data-testid="dashboard-team-table"]')
    expect(table.text()).toContain('王芳')
    expect(table.text()).toContain('¥1,234,567.50')
    await wrapper.get('[data-testid="dashboard-group"] input[value="dept"]').setValue(true)
    await settle()
    expect(api.dashboardCalls().at(-1)).toMatchObject({ groupBy: 'dept' })
    expect(wrapper.get('[data-testid="dashboard-team"]').text()).toContain('部门')

    const self = fakeServices()
    const rep = await mountHome({ dataScope: 'self' })
    expect(rep.wrapper.find('[data-testid="dashboard-team"]').exists()).toBe(false)
    expect(self.dashboardCalls().every((c) => !('groupBy' in c))).toBe(true)
  })

  it('the month picker and the mine/everything switch refetch', async () => {
    const api = fakeServices()
    const { wrapper } = await mountHome()
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-11')
    await settle()
    expect(
      api
        .dashboardCalls()
        .filter((c) => c.month === '2026-11')
        .map((c) => c.service)
        .sort(),
    ).toEqual(['finance', 'orders', 'sales'])
    expect(card(wrapper, 'sales.newCustomers').get('[data-testid="kpi-value"]').text()).toBe('7')
    await wrapper.get('[data-testid="dashboard-view"] input[value="me"]').setValue(true)
    await settle()
    expect(api.dashboardCalls().at(-1)).toMatchObject({ month: '2026-11', view: 'me' })
  })

  it('speaks English too: labels, month-on-month, funnel stages', async () => {
    fakeServices()
    setLocale('en')
    dictLocale.value = 'en'
    const { wrapper } = await mountHome()
    expect(card(wrapper, 'sales.newCustomers').text()).toContain('New customers')
    expect(card(wrapper, 'sales.newCustomers').get('[data-testid="kpi-mom"]').text()).toBe(
      'vs last month +23.4%',
    )
    expect(wrapper.get('[data-testid="dashboard-todo"]').text()).toContain('Follow-ups due today')
    expect(wrapper.text()).toContain('Everything I can see')
    const funnel = JSON.parse(
      wrapper.get('[data-testid="dashboard-funnel"] .chart-stub').attributes('data-option')!,
    )
    expect(funnel.series[0].data.map((d: { name: string }) => d.name)).toEqual(['Qualify', 'Proposal'])
  })
})

describe('dashboard formatting', () => {
  it('month-on-month: signed percent, flat, and a dash from zero', () => {
    expect(monthOnMonth({ value: '0', previous: '0' })).toEqual({ text: '—', trend: 'none' })
    expect(monthOnMonth({ value: '10', previous: '10' })).toEqual({ text: '0.0%', trend: 'flat' })
    expect(humanizeKey('tickets.newTickets')).toBe('New tickets')
  })
})
