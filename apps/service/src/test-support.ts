import type { tickets } from '@mosaic/schemas'
import { remotePageTestKit, type GetAnswer } from '@mosaic/ui/test-utils'
import serviceModule from './routes'

export { fakeHttp as http } from '@mosaic/web-kit/test-utils'
export { answerGets, pageOf, pageText, press, usePageTests } from '@mosaic/ui/test-utils'

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

const kit = remotePageTestKit(serviceModule, { permissions: ALL })
export const { testI18n, mountEnglish, mountOpened } = kit
/** The service route at `path` in `locale`, its GETs answered by `answer`, with `permissions`. */
export const mountService = (
  path: string,
  answer: GetAnswer,
  options?: Parameters<typeof kit.mountRoute>[2],
) => kit.mountRoute(path, answer, options)

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
