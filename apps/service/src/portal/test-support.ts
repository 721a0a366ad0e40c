import { defineComponent, h } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { flushPromises, mount } from '@vue/test-utils'
import type { finance, tickets } from '@mosaic/schemas'
import { remoteTestI18n } from '@mosaic/ui/test-utils'
import { json, stubFetch, type Call } from '@mosaic/web-kit/test-utils'
import { messages } from '../messages'
import { portalRoutes } from './routes'
import { PORTAL_TOKEN_KEY } from './session'

export const TOKEN = 'portal-token-1'
export const TICKET = '11111111-0000-4000-8000-000000000001'
export const IMAGE = '22222222-0000-4000-8000-000000000002'
export const CONTRACT = '33333333-0000-4000-8000-000000000003'
export const ORDER = '44444444-0000-4000-8000-000000000004'
const ACCOUNT = '55555555-0000-4000-8000-000000000005'
const CUSTOMER = '66666666-0000-4000-8000-000000000006'
const CONTACT = '77777777-0000-4000-8000-000000000007'

export const me: tickets.PortalMe = {
  accountId: ACCOUNT,
  account: 'acme-li',
  displayName: '李雷',
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  contactId: CONTACT,
  contactName: '李雷',
}

export const ticketFixture = (
  over: Partial<tickets.PortalTicketDetail> = {},
): tickets.PortalTicketDetail => ({
  id: TICKET,
  number: 'GD202612050001',
  type: 'repair',
  priority: 'high',
  status: 'in_progress',
  channel: 'portal',
  title: '设备无法开机',
  description: '二号机开机无反应',
  contactName: '李雷',
  contractNumber: 'HT202601010001',
  orderNumber: null,
  assigneeName: '王芳',
  createdAt: '2026-12-01T02:00:00Z',
  resolvedAt: null,
  closedAt: null,
  resolution: null,
  satisfaction: null,
  feedback: null,
  images: [{ id: IMAGE, name: 'photo.png', size: 1200, contentType: 'image/png' }],
  log: [
    {
      id: '88888888-0000-4000-8000-000000000008',
      ticketId: TICKET,
      at: '2026-12-01T02:00:00Z',
      action: 'created',
      actorKind: 'contact',
      actorId: CONTACT,
      actorName: '李雷',
      fromStatus: null,
      toStatus: 'new',
      note: null,
      internal: false,
    },
    {
      id: '99999999-0000-4000-8000-000000000009',
      ticketId: TICKET,
      at: '2026-12-02T02:00:00Z',
      action: 'processed',
      actorKind: 'staff',
      actorId: null,
      actorName: '王芳',
      fromStatus: 'assigned',
      toStatus: 'in_progress',
      note: '已安排工程师上门',
      internal: false,
    },
  ],
  ...over,
})

export const statementFixture = (over: Partial<finance.Statement> = {}): finance.Statement => ({
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  from: '2026-01-01',
  to: '2026-12-05',
  contracts: [
    {
      contractId: CONTRACT,
      contractNumber: 'HT202601010001',
      contractName: '二期设备采购',
      signDate: '2026-01-05',
      total: '100000.00',
      receivedToEnd: '30000.5',
      outstandingAtEnd: '69999.50',
    },
  ],
  payments: [
    {
      paymentId: '12121212-0000-4000-8000-000000000012',
      number: 'HK202602010001',
      contractNumber: 'HT202601010001',
      paidOn: '2026-02-01',
      method: 'transfer',
      amount: '30000.5',
    },
  ],
  invoices: [],
  totals: {
    contractTotal: '100000.00',
    receivedInPeriod: '30000.50',
    invoicedInPeriod: '0.00',
    outstandingAtEnd: '69999.50',
  },
  digest: 'a'.repeat(64),
  response: null,
  responseStale: false,
  ...over,
})

export const pageOf = <T>(items: T[]) => ({
  items,
  nextCursor: null,
  total: items.length,
  totalCapped: false,
})

export type Answer = (call: Call) => Response | Promise<Response> | undefined

/** The portal API as the fake answers it by default; `answer` takes a call first (undefined: fall through). */
export function portalApi(answer: Answer = () => undefined) {
  return async (call: Call): Promise<Response> => {
    const own = await answer(call)
    if (own) return own
    const path = call.url.split('?')[0]
    const route = `${call.method} ${path}`
    if (route === 'POST /api/tickets/portal/auth/login') {
      return json(200, { token: TOKEN, expiresAt: '2026-12-06T00:00:00Z', me })
    }
    if (route === 'GET /api/tickets/portal/me') return json(200, me)
    if (route === 'GET /api/tickets/portal/tickets') return json(200, pageOf([ticketFixture()]))
    if (route === `GET /api/tickets/portal/tickets/${TICKET}`) return json(200, ticketFixture())
    if (route === 'GET /api/tickets/portal/documents') {
      return json(200, {
        contracts: [{ id: CONTRACT, number: 'HT202601010001', name: '二期设备采购' }],
        orders: [{ id: ORDER, number: 'DD202602010001', contractId: CONTRACT }],
      })
    }
    if (route === `GET /api/tickets/portal/attachments/${IMAGE}`) {
      return new Response(new Blob(['png'], { type: 'image/png' }), {
        headers: { 'content-type': 'image/png' },
      })
    }
    if (route === 'GET /api/tickets/portal/statement') return json(200, statementFixture())
    if (route === 'POST /api/tickets/portal/auth/logout') return json(204, null)
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no fake for ${route}` })
  }
}

/** The portal's pages at `path` as the shell mounts them (top level), over the fake API; signed in unless `token: null`. */
export async function mountPortal(
  path: string,
  answer?: Answer,
  { locale = 'zh-CN', token = TOKEN }: { locale?: 'zh-CN' | 'en'; token?: string | null } = {},
) {
  sessionStorage.clear()
  if (token) sessionStorage.setItem(PORTAL_TOKEN_KEY, token)
  const pinia = createPinia()
  setActivePinia(pinia)
  const { calls } = stubFetch(portalApi(answer))
  const router = createRouter({ history: createMemoryHistory(), routes: portalRoutes })
  const i18n = remoteTestI18n(messages, locale)
  await router.push(path)
  const Host = defineComponent({ setup: () => () => h(RouterView) })
  const wrapper = mount(Host, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, calls }
}

/** The calls to one route (method and path, query ignored). */
export const callsTo = (calls: Call[], method: string, path: string) =>
  calls.filter((c) => c.method === method && c.url.split('?')[0] === path)

export const text = () => document.body.textContent ?? ''
