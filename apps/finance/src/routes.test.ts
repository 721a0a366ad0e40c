import { describe, expect, it } from 'vitest'
import { describeRemoteModule } from '@mosaic/ui/test-utils'
import financeModule from './routes'

describeRemoteModule(financeModule, {
  title: { zh: '财务', en: 'Finance' },
  icon: 'Money',
  keys: { sources: __dirname, atLeast: 100 },
  records: { service: 'finance', types: ['receivable', 'payment', 'invoice'] },
  dashboard: {
    sources: [{ service: 'finance', anyOf: ['finance.payment.read', 'finance.receivable.read'] }],
    keys: ['finance.receivedAmount', 'finance.myReceived', 'finance.overdueReceivables'],
  },
})

describe('finance remote module', () => {
  it('guards each page with the permission of what it lists', () => {
    expect(Object.fromEntries(financeModule.routes.map((r) => [r.path, r.meta?.permission]))).toEqual({
      receivables: 'finance.receivable.read',
      payments: 'finance.payment.read',
      invoices: 'finance.invoice.read',
      statements: 'finance.statement.read',
      'recycle-bin': ['finance.payment.restore', 'finance.invoice.restore', 'admin.recycle.read'],
    })
  })
})
