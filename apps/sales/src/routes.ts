import type { RouteRecordRaw } from 'vue-router'
import type { RemoteModule } from '@mosaic/web-kit'
import { ORDERS_RECYCLE_BIN_ACCESS, SALES_RECYCLE_BIN_ACCESS } from '@mosaic/permissions'
import { messages } from './messages'
// Registers the sales record types (field labels and kinds for every history view, admin's audit search too).
import './records'

/**
 * Each page is its own chunk. Paths are relative to the module's base (`/sales` in the shell
 * and standalone alike), so `sales-customer-detail` is `/sales/customers/<id>` everywhere.
 */
const routes: RouteRecordRaw[] = [
  {
    path: 'leads',
    name: 'sales-leads',
    component: () => import('./pages/leads/LeadsPage.vue'),
    meta: { title: { zh: '销售线索', en: 'Leads' }, permission: 'sales.lead.read', icon: 'Aim' },
  },
  {
    path: 'customers',
    name: 'sales-customers',
    component: () => import('./pages/customers/CustomersPage.vue'),
    meta: {
      title: { zh: '客户管理', en: 'Customers' },
      permission: 'sales.customer.read',
      icon: 'OfficeBuilding',
    },
  },
  {
    path: 'customers/:id',
    name: 'sales-customer-detail',
    component: () => import('./pages/customers/CustomerDetailPage.vue'),
    meta: {
      title: { zh: '客户详情', en: 'Customer' },
      permission: 'sales.customer.read',
      icon: 'OfficeBuilding',
      menu: false,
    },
  },
  {
    path: 'contacts',
    name: 'sales-contacts',
    component: () => import('./pages/contacts/ContactsPage.vue'),
    meta: { title: { zh: '联系人', en: 'Contacts' }, permission: 'sales.contact.read', icon: 'Postcard' },
  },
  {
    path: 'pool',
    name: 'sales-pool',
    component: () => import('./pages/pool/PoolPage.vue'),
    meta: { title: { zh: '公海客户', en: 'Public pool' }, permission: 'sales.pool.read', icon: 'Coin' },
  },
  {
    path: 'pool/upcoming',
    name: 'sales-pool-upcoming',
    component: () => import('./pages/pool/PoolUpcomingPage.vue'),
    meta: {
      title: { zh: '即将进入公海', en: 'About to enter the pool' },
      permission: 'sales.customer.read',
      icon: 'Timer',
    },
  },
  {
    path: 'followups',
    name: 'sales-followups',
    component: () => import('./pages/followups/FollowUpsPage.vue'),
    meta: {
      title: { zh: '跟进记录', en: 'Follow-ups' },
      permission: 'sales.followup.read',
      icon: 'ChatDotRound',
    },
  },
  {
    path: 'opportunities',
    name: 'sales-opportunities',
    component: () => import('./pages/opportunities/OpportunitiesPage.vue'),
    meta: {
      title: { zh: '销售机会', en: 'Opportunities' },
      permission: 'sales.opportunity.read',
      icon: 'Opportunity',
    },
  },
  {
    path: 'opportunities/pipeline',
    name: 'sales-opportunities-pipeline',
    component: () => import('./pages/opportunities/PipelinePage.vue'),
    meta: {
      title: { zh: '销售漏斗', en: 'Pipeline' },
      permission: 'sales.opportunity.read',
      icon: 'TrendCharts',
    },
  },
  {
    path: 'products',
    name: 'sales-products',
    component: () => import('./pages/products/ProductsPage.vue'),
    meta: { title: { zh: '产品管理', en: 'Products' }, permission: 'orders.product.read', icon: 'Goods' },
  },
  {
    path: 'products/recycle-bin',
    name: 'sales-products-recycle-bin',
    component: () => import('./pages/products/ProductsRecycleBinPage.vue'),
    meta: {
      title: { zh: '合同订单回收站', en: 'Orders recycle bin' },
      permission: [...ORDERS_RECYCLE_BIN_ACCESS],
      icon: 'Delete',
    },
  },
  {
    path: 'quotes',
    name: 'sales-quotes',
    component: () => import('./pages/quotes/QuotesPage.vue'),
    meta: { title: { zh: '报价单', en: 'Quotes' }, permission: 'orders.quote.read', icon: 'Tickets' },
  },
  {
    path: 'quotes/:id/print',
    name: 'sales-quote-print',
    component: () => import('./pages/quotes/QuotePrintPage.vue'),
    meta: {
      title: { zh: '打印报价单', en: 'Print quote' },
      permission: 'orders.quote.read',
      icon: 'Printer',
      menu: false,
    },
  },
  {
    path: 'contracts',
    name: 'sales-contracts',
    component: () => import('./pages/contracts/ContractsPage.vue'),
    meta: {
      title: { zh: '销售合同', en: 'Contracts' },
      permission: 'orders.contract.read',
      icon: 'Document',
    },
  },
  {
    path: 'orders',
    name: 'sales-orders',
    component: () => import('./pages/orders/OrdersPage.vue'),
    meta: { title: { zh: '销售订单', en: 'Sales orders' }, permission: 'orders.order.read', icon: 'List' },
  },
  {
    path: 'recycle-bin',
    name: 'sales-recycle-bin',
    component: () => import('./pages/recycle/RecycleBinPage.vue'),
    meta: {
      title: { zh: '回收站', en: 'Recycle bin' },
      permission: [...SALES_RECYCLE_BIN_ACCESS],
      icon: 'Delete',
    },
  },
]

const salesModule: RemoteModule = {
  name: 'sales',
  title: { zh: '销售管理', en: 'Sales' },
  icon: 'Briefcase',
  basePath: '/sales',
  routes,
  messages,
  // The home page's figures (decision 107): customers, follow-ups, opportunities; contracts from orders.
  dashboard: [
    {
      service: 'sales',
      anyOf: ['sales.customer.read', 'sales.followup.read', 'sales.opportunity.read', 'sales.pool.read'],
    },
    { service: 'orders', anyOf: ['orders.contract.read'] },
  ],
}

export default salesModule
