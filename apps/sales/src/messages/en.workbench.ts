import type { workbench as zh } from './zh-CN.workbench'

export const workbench: typeof zh = {
  workbench: {
    lists: {
      leads: 'Leads',
      customers: 'Customers',
      contacts: 'Contacts',
      followups: 'Follow-ups',
      opportunities: 'Opportunities',
      products: 'Products',
      quotes: 'Quotes',
      contracts: 'Contracts',
      orders: 'Sales orders',
    },
    fields: {
      source: 'Source',
      industry: 'Industry',
      status: 'Status',
      level: 'Customer level',
      method: 'Method',
      type: 'Type',
      expectedCloseDate: 'Expected close date',
      category: 'Product category',
      unit: 'Unit',
      onSale: 'On sale',
      validUntil: 'Valid until',
      paymentMethod: 'Payment method',
      invoiceType: 'Invoice type',
      signDate: 'Signing date',
      deliveryDate: 'Delivery date',
    },
  },
}
