import type zh from './zh-CN'
import { records } from './en.records'
import { work } from './en.work'
import { products } from './en.products'
import { contracts } from './en.contracts'
import { salesOrders } from './en.orders'
import { workbench } from './en.workbench'

const en: typeof zh = {
  sales: {
    title: 'Sales',
    common: {
      owner: 'Owner',
      dept: 'Department',
      phone: 'Phone',
      email: 'Email',
      address: 'Address',
      industry: 'Industry',
      source: 'Source',
      remark: 'Remark',
      lastFollowUpAt: 'Last follow-up',
      nextFollowUpAt: 'Next follow-up',
      info: 'Details',
      history: 'History',
      historyTitle: 'History: {name}',
      activity: 'Activity',
      versions: 'Versions',
      back: 'Back',
      close: 'Close',
    },
    entityTypes: {
      lead: 'Lead',
      customer: 'Customer',
      contact: 'Contact',
      followup: 'Follow-up',
      opportunity: 'Opportunity',
      quote: 'Quote',
      contract: 'Contract',
    },
    bulk: {
      assign: 'Assign',
      transfer: 'Transfer',
      delete: 'Delete',
      deleteTitle: 'Bulk delete results',
      nRecords: 'the {n} selected records',
      selected: '{n} records selected',
    },
    ...records,
    ...work,
    ...products,
    ...contracts,
    ...salesOrders,
    ...workbench,
  },
  /** The orders service's record types, as its recycle bin and audit trail name them. */
  orders: {
    entityTypes: {
      product: 'Product',
      product_category: 'Product category',
      quote: 'Quote',
      contract: 'Contract',
      sales_order: 'Sales order',
    },
  },
}

export default en
