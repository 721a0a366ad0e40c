import { ref, type Component } from 'vue'
import { beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { tickets } from '@mosaic/schemas'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { defaultDictTypes } from '@mosaic/dictionary'
import { fakeHttp } from '@mosaic/web-kit/test-utils'
import {
  click,
  mountRemoteRoute,
  remoteTestI18n,
  resetAfterEach,
  withPermissions,
} from '@mosaic/ui/test-utils'
import { messages } from './messages'
import serviceModule from './routes'

/** A fresh page-wide i18n with the service messages, as the shell would set it up. */
export const testI18n = (locale: 'zh-CN' | 'en' = 'zh-CN') => remoteTestI18n(messages, locale)

/** The fake `api` transport; stub its methods per test. */
export { fakeHttp as http }

/** A page test file's hooks: DOM and mocks reset after each test, the built-in dictionaries before it. */
export function usePageTests() {
  resetAfterEach()
  beforeEach(() =>
    configureDictionaries({ load: async () => structuredClone(defaultDictTypes()), locale: ref('zh-CN') }),
  )
}

/** Clicks the element with test id `testid` and waits for what follows (requests, re-renders). */
export async function press(testid: string) {
  click(testid)
  await flushPromises()
}

/** Everything the page shows, dialogs and drawers included (they are teleported to the body). */
export const pageText = () => document.body.textContent ?? ''

type Answer = (path: string, options?: { query?: Record<string, unknown> }) => unknown

/** Every GET answered by `answer(path, options)`. */
export const answerGets = (answer: Answer) =>
  fakeHttp.get.mockImplementation(async (p: string, o?: { query?: Record<string, unknown> }) => answer(p, o))

/** The service route at `path` in `locale`, its GETs answered by `answer`, with `permissions`. */
export function mountService(
  path: string,
  answer: Answer,
  { locale = 'en', permissions = ALL }: { locale?: 'zh-CN' | 'en'; permissions?: string[] } = {},
) {
  answerGets(answer)
  return mountRemoteRoute(serviceModule, path, [testI18n(locale), withPermissions(...permissions)])
}

/** `component` mounted in the page, in English, with every permission. */
export const mountEnglish = <C extends Component>(component: C, props: Record<string, unknown> = {}) =>
  mount(component, {
    // The props are the test's to get right; `mount` cannot check them against a generic component.
    props: props as never,
    global: { plugins: [testI18n('en'), withPermissions(...ALL)] },
    attachTo: document.body,
  })

/** Every staff permission of the service screens. */
export const ALL = [
  'tickets.ticket.read',
  'tickets.ticket.create',
  'tickets.ticket.update',
  'tickets.ticket.delete',
  'tickets.ticket.assign',
  'tickets.ticket.resolve',
  'tickets.ticket.close',
  'tickets.ticket.reopen',
  'tickets.portal-account.read',
  'tickets.portal-account.create',
  'tickets.portal-account.update',
  'tickets.portal-account.delete',
  'tickets.portal-account.reset-password',
]

/** A list answer holding exactly `items`. */
export const pageOf = (items: unknown[]) => ({
  items,
  nextCursor: null,
  total: items.length,
  totalCapped: false,
})

const stamps = { createdAt: '2026-03-01T02:00:00Z', updatedAt: '2026-03-01T02:00:00Z' }
export const TICKET = '11111111-0000-4000-8000-000000000001'
export const CUSTOMER = 'dddddddd-0000-4000-8000-00000000000d'
export const CONTACT = 'cccccccc-0000-4000-8000-000000000001'
export const CONTRACT = 'cccccccc-0000-4000-8000-00000000000c'
export const ORDER = 'eeeeeeee-0000-4000-8000-00000000000e'
export const AGENT = '00000000-0000-4000-8000-000000000007'
export const IMAGE = 'abababab-0000-4000-8000-000000000001'

/** GD202603010001: a repair for Acme 公司, assigned to 王工, its response due time missed. */
export const ticketFixture = (over: Partial<tickets.Ticket> = {}): tickets.Ticket => ({
  ...stamps,
  id: TICKET,
  version: 3,
  number: 'GD202603010001',
  type: 'repair',
  priority: 'high',
  status: 'assigned',
  channel: 'phone',
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '李雷',
  contractId: CONTRACT,
  contractNumber: 'HT202601010001',
  orderId: null,
  orderNumber: null,
  title: '设备无法启动',
  description: '开机后无反应',
  assigneeId: AGENT,
  assigneeName: '王工',
  deptId: null,
  responseDueAt: '2026-03-01T06:00:00Z',
  resolutionDueAt: '2026-03-02T06:00:00Z',
  respondedAt: null,
  resolvedAt: null,
  closedAt: null,
  responseBreached: true,
  resolutionBreached: false,
  resolution: null,
  satisfaction: null,
  feedback: null,
  reopenCount: 0,
  images: [],
  ...over,
})

export const linksFixture = (): tickets.CustomerLinks => ({
  id: CUSTOMER,
  name: 'Acme 公司',
  contacts: [{ id: CONTACT, name: '李雷', phone: '13800000000' }],
  contracts: [{ id: CONTRACT, number: 'HT202601010001', name: '二期设备采购' }],
  orders: [{ id: ORDER, number: 'DD202602010001', contractId: CONTRACT }],
})

export const accountFixture = (over: Partial<tickets.PortalAccount> = {}): tickets.PortalAccount => ({
  ...stamps,
  id: '22222222-0000-4000-8000-000000000002',
  version: 2,
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '李雷',
  account: 'lilei@acme',
  displayName: '李雷',
  enabled: true,
  lastLoginAt: null,
  ...over,
})

/** A mounted component's dialog or drawer opened as its host does it (closed first, then opened). */
export async function mountOpened(component: Component, props: Record<string, unknown>) {
  const wrapper = mountEnglish(component, { ...props, modelValue: false })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}
