import type { RouteRecordRaw } from 'vue-router'
import type { PermissionCode } from '@mosaic/permissions'
import type { RemoteModule } from '@mosaic/web-kit'
import { messages } from './messages'
// Registers the finance record types (field labels and kinds for every history view, admin's audit search too).
import './records'

/** Who reaches the finance recycle bin: a restorer of payments or invoices, or the bin's reader. */
export const FINANCE_RECYCLE_BIN_ACCESS: PermissionCode[] = [
  'finance.payment.restore',
  'finance.invoice.restore',
  'admin.recycle.read',
]

/** Each page is its own chunk; paths are relative to `/finance` in the shell and standalone alike. */
const routes: RouteRecordRaw[] = [
  {
    path: 'receivables',
    name: 'finance-receivables',
    component: () => import('./pages/receivables/ReceivablesPage.vue'),
    meta: {
      title: { zh: '应收账款', en: 'Receivables' },
      permission: 'finance.receivable.read',
      icon: 'Wallet',
    },
  },
  {
    path: 'payments',
    name: 'finance-payments',
    component: () => import('./pages/payments/PaymentsPage.vue'),
    meta: { title: { zh: '回款记录', en: 'Payments' }, permission: 'finance.payment.read', icon: 'Coin' },
  },
  {
    path: 'invoices',
    name: 'finance-invoices',
    component: () => import('./pages/invoices/InvoicesPage.vue'),
    meta: { title: { zh: '开票管理', en: 'Invoices' }, permission: 'finance.invoice.read', icon: 'Tickets' },
  },
  {
    path: 'statements',
    name: 'finance-statements',
    component: () => import('./pages/statements/StatementsPage.vue'),
    meta: {
      title: { zh: '对账单', en: 'Statements' },
      permission: 'finance.statement.read',
      icon: 'Checked',
    },
  },
  {
    path: 'recycle-bin',
    name: 'finance-recycle-bin',
    component: () => import('./pages/recycle/FinanceRecycleBinPage.vue'),
    meta: {
      title: { zh: '财务回收站', en: 'Finance recycle bin' },
      permission: FINANCE_RECYCLE_BIN_ACCESS,
      icon: 'Delete',
    },
  },
]

const financeModule: RemoteModule = {
  name: 'finance',
  title: { zh: '财务', en: 'Finance' },
  icon: 'Money',
  basePath: '/finance',
  routes,
  messages,
  // The home page's figures (decision 107): received amounts and overdue receivables.
  dashboard: [{ service: 'finance', anyOf: ['finance.payment.read', 'finance.receivable.read'] }],
}

export default financeModule
