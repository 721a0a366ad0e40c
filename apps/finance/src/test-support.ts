import type { finance } from '@mosaic/schemas'
import { remotePageTestKit, type GetAnswer } from '@mosaic/ui/test-utils'
import financeModule from './routes'

export { fakeHttp as http } from '@mosaic/web-kit/test-utils'
export { pageOf, pageText, press, usePageTests } from '@mosaic/ui/test-utils'

/** Every finance permission. */
export const ALL = [
  'finance.receivable.read',
  'finance.payment-plan.update',
  'finance.payment.read',
  'finance.payment.create',
  'finance.payment.update',
  'finance.payment.delete',
  'finance.payment.writeoff',
  'finance.invoice.read',
  'finance.invoice.create',
  'finance.invoice.update',
  'finance.invoice.delete',
  'finance.invoice.void',
  'finance.statement.read',
]

const kit = remotePageTestKit(financeModule, { permissions: ALL })
export const { testI18n, mountEnglish, mountOpened } = kit
/** The finance route at `path` in `locale`, its GETs answered by `answer(path, options)`, with `permissions`. */
export const mountFinance = (
  path: string,
  answer: GetAnswer,
  options?: Parameters<typeof kit.mountRoute>[2],
) => kit.mountRoute(path, answer, options)

const stamps = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
const owner = { ownerId: '00000000-0000-4000-8000-000000000001', ownerName: 'Ann', deptId: null }
export const RECEIVABLE = 'aaaaaaaa-0000-4000-8000-00000000000a'
export const CONTRACT = 'cccccccc-0000-4000-8000-00000000000c'
export const CUSTOMER = 'dddddddd-0000-4000-8000-00000000000d'

/** 合同 HT202601010001 (Acme 公司) for 100,000.00: 30,000 received, a 30/60/10 plan. */
export const receivableFixture = (over: Partial<finance.Receivable> = {}): finance.Receivable => ({
  ...stamps,
  ...owner,
  id: RECEIVABLE,
  version: 4,
  contractId: CONTRACT,
  contractNumber: 'HT202601010001',
  contractName: '二期设备采购',
  contractRevision: 1,
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  signDate: '2026-01-05',
  status: 'open',
  total: '100000.00',
  received: '30000.00',
  outstanding: '70000.00',
  collectedPercent: '30.00',
  invoiced: '30000.00',
  uninvoiced: '70000.00',
  prepayRatio: '30.00',
  prepayAmount: '30000.00',
  prepayDueDate: '2026-01-15',
  prepayStatus: 'paid',
  retentionRatio: '10.00',
  retentionAmount: '10000.00',
  retentionReleaseDate: '2027-03-01',
  retentionStatus: 'held',
  warrantyMonths: 12,
  instalmentsPaid: 1,
  instalmentCount: 3,
  overdue: true,
  overdueAmount: '20000.00',
  invoiceType: 'vat_special',
  invoiceTitle: 'Acme 公司',
  invoiceTaxNumber: '91310000MA1',
  ...over,
})

export const instalmentFixture = (
  seq: number,
  over: Partial<finance.Instalment> = {},
): finance.Instalment => ({
  id: `eeeeeeee-0000-4000-8000-00000000000${seq}`,
  receivableId: RECEIVABLE,
  seq,
  kind: 'progress',
  dueDate: `2026-0${seq}-15`,
  amount: '10000.00',
  matched: '0.00',
  remaining: '10000.00',
  status: 'unpaid',
  note: null,
  ...over,
})

/** The plan: prepayment 30,000 paid, progress 60,000 (20,000 written off), retention 10,000. */
export const planFixture = (over: Partial<finance.Receivable> = {}): finance.ReceivablePlan => ({
  receivable: receivableFixture(over),
  instalments: [
    instalmentFixture(1, {
      kind: 'prepayment',
      amount: '30000.00',
      matched: '30000.00',
      remaining: '0.00',
      status: 'paid',
    }),
    instalmentFixture(2, {
      amount: '60000.00',
      matched: '20000.00',
      remaining: '40000.00',
      status: 'overdue',
    }),
    instalmentFixture(3, { kind: 'retention', dueDate: '2027-03-01', amount: '10000.00' }),
  ],
})

export const paymentFixture = (over: Partial<finance.Payment> = {}): finance.Payment => ({
  ...stamps,
  ...owner,
  id: 'ffffffff-0000-4000-8000-00000000000f',
  version: 2,
  number: 'HK202602010001',
  receivableId: RECEIVABLE,
  contractId: CONTRACT,
  contractNumber: 'HT202601010001',
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  amount: '45000.00',
  paidOn: '2026-02-01',
  method: 'transfer',
  payer: 'Acme 公司',
  reference: null,
  note: null,
  status: 'confirmed',
  matched: '0.00',
  unmatched: '45000.00',
  commissionSettled: false,
  decisionComment: null,
  ...over,
})

export const invoiceFixture = (over: Partial<finance.Invoice> = {}): finance.Invoice => ({
  ...stamps,
  ...owner,
  id: '99999999-0000-4000-8000-000000000009',
  version: 1,
  receivableId: RECEIVABLE,
  contractId: CONTRACT,
  contractNumber: 'HT202601010001',
  contractName: '二期设备采购',
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  instalmentId: null,
  instalmentSeq: null,
  type: 'vat_special',
  title: 'Acme 公司',
  taxNumber: '91310000MA1',
  amount: '30000.00',
  status: 'requested',
  invoiceNumber: null,
  issueDate: null,
  courier: null,
  trackingNumber: null,
  mailedOn: null,
  remark: null,
  voidReason: null,
  ...over,
})
