import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { finance } from '@mosaic/schemas'
import { type } from '@mosaic/ui/test-utils'
import {
  CONTRACT,
  CUSTOMER,
  http,
  mountFinance,
  pageOf,
  pageText,
  press,
  usePageTests,
} from '../../test-support'

usePageTests()

const ACCOUNT = '11111111-0000-4000-8000-000000000001'
const response = (
  over: Partial<finance.StatementResponseListItem> = {},
): finance.StatementResponseListItem => ({
  id: '22222222-0000-4000-8000-000000000001',
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  from: '2026-03-01',
  to: '2026-03-31',
  status: 'disputed',
  note: '三月回款少记 500 元',
  accountId: ACCOUNT,
  respondentName: '王经理',
  respondedAt: '2026-04-02T08:30:00.000Z',
  digest: 'a'.repeat(64),
  outstandingAtEnd: '69500.00',
  receivedInPeriod: '30500.00',
  invoicedInPeriod: '30000.00',
  stale: true,
  ...over,
})
const disputed = response()
const confirmed = response({
  id: '22222222-0000-4000-8000-000000000002',
  customerId: '33333333-0000-4000-8000-000000000003',
  customerName: '远山建材',
  status: 'confirmed',
  note: null,
  respondentName: '李会计',
  stale: false,
})

const statement: finance.Statement = {
  customerId: CUSTOMER,
  customerName: 'Acme 公司',
  from: '2026-03-01',
  to: '2026-03-31',
  contracts: [
    {
      contractId: CONTRACT,
      contractNumber: 'HT202601010001',
      contractName: '二期设备采购',
      signDate: '2026-01-05',
      total: '100000.00',
      receivedToEnd: '30500.5',
      outstandingAtEnd: '69499.50',
    },
  ],
  payments: [
    {
      paymentId: 'ffffffff-0000-4000-8000-00000000000f',
      number: 'HK202603100001',
      contractNumber: 'HT202601010001',
      paidOn: '2026-03-10',
      method: 'transfer',
      amount: '30500.50',
    },
  ],
  invoices: [
    {
      invoiceId: '99999999-0000-4000-8000-000000000009',
      invoiceNumber: 'FP0001',
      contractNumber: 'HT202601010001',
      issueDate: '2026-03-20',
      type: 'vat_special',
      amount: '30000.00',
    },
  ],
  totals: {
    contractTotal: '100000.00',
    receivedInPeriod: '30500.50',
    invoicedInPeriod: '30000.00',
    outstandingAtEnd: '69499.50',
  },
  digest: 'b'.repeat(64),
  response: disputed,
  responseStale: true,
}

function answer(path: string): unknown {
  if (path === '/api/finance/statement-responses') return pageOf([disputed, confirmed])
  if (path === '/api/finance/statements') return statement
  throw new Error(`unexpected GET ${path}`)
}
const row = (text: string) =>
  [...document.querySelectorAll<HTMLElement>('.el-table__row')].find((r) => r.textContent?.includes(text))!
    .textContent!
const queriesOf = (path: string) =>
  http.get.mock.calls.filter((c) => c[0] === path).map((c) => (c[1] as { query: unknown }).query)

describe('statement responses (对账确认)', () => {
  it('lists the answers with customer, period, status, note, respondent, time and the stale mark', async () => {
    const { warnings } = await mountFinance('/finance/statements', answer)
    const first = row('Acme 公司')
    for (const shown of [
      '2026-03-01 to 2026-03-31',
      'Disputed',
      '三月回款少记 500 元',
      '王经理',
      'Figures changed',
    ])
      expect(first).toContain(shown)
    expect(first).not.toContain(CUSTOMER)
    const second = row('远山建材')
    expect(second).toContain('Confirmed')
    expect(second).toContain('李会计')
    expect(second).not.toContain('Figures changed')
    expect(document.querySelector(`[data-testid="statement-stale-${disputed.id}"]`)).not.toBeNull()
    expect(document.querySelector(`[data-testid="statement-stale-${confirmed.id}"]`)).toBeNull()
    expect(warnings).toEqual([])
  })

  it('shows the same in Chinese', async () => {
    await mountFinance('/finance/statements', answer, { locale: 'zh-CN' })
    expect(row('Acme 公司')).toContain('有异议')
    expect(row('Acme 公司')).toContain('数据已变化')
    expect(row('Acme 公司')).toContain('2026-03-01 至 2026-03-31')
    expect(row('远山建材')).toContain('已确认')
  })

  it('searches by customer name', async () => {
    await mountFinance('/finance/statements', answer)
    type('filter-q', 'Acme')
    document.querySelector<HTMLElement>('[data-testid="list-search"]')!.click()
    await flushPromises()
    expect(queriesOf('/api/finance/statement-responses').at(-1)).toMatchObject({ q: 'Acme' })
  })

  it('opens the statement the contact answered, money to the cent, with the answer and the stale warning', async () => {
    await mountFinance('/finance/statements', answer)
    await press(`statement-row-${disputed.id}`)
    expect(queriesOf('/api/finance/statements')).toEqual([
      { customerId: CUSTOMER, from: '2026-03-01', to: '2026-03-31' },
    ])
    const drawer = document.querySelector('[data-testid="statement-drawer"]')!.textContent!
    expect(drawer).toContain('Statement of Acme 公司')
    expect(drawer).toMatch(/Outstanding at the end\s*¥69,499\.50/)
    expect(drawer).toMatch(/Received in the period\s*¥30,500\.50/)
    expect(drawer).toMatch(/Invoiced in the period\s*¥30,000\.00/)
    const contracts = document.querySelector('[data-testid="statement-contracts"]')!.textContent!
    for (const shown of [
      'HT202601010001',
      '二期设备采购',
      '2026-01-05',
      '¥100,000.00',
      '¥30,500.50',
      '¥69,499.50',
    ])
      expect(contracts).toContain(shown)
    const payments = document.querySelector('[data-testid="statement-payments"]')!.textContent!
    expect(payments).toContain('HK202603100001')
    expect(payments).toContain('2026-03-10')
    expect(payments).toContain('¥30,500.50')
    const invoices = document.querySelector('[data-testid="statement-invoices"]')!.textContent!
    expect(invoices).toContain('FP0001')
    expect(invoices).toContain('2026-03-20')
    const answered = document.querySelector('[data-testid="statement-answer"]')!.textContent!
    expect(answered).toContain('Disputed by 王经理')
    expect(answered).toContain('三月回款少记 500 元')
    expect(document.querySelector('[data-testid="statement-stale-note"]')).not.toBeNull()
    expect(pageText()).not.toContain(ACCOUNT)
  })

  it('says why when the statement cannot be read', async () => {
    await mountFinance('/finance/statements', (path) => {
      if (path === '/api/finance/statements')
        throw Object.assign(new Error('gone'), {
          status: 404,
          problem: { status: 404, code: 'finance.statement.no_customer', title: 'Not found' },
        })
      return answer(path)
    })
    await press(`statement-row-${confirmed.id}`)
    expect(document.querySelector('[data-testid="statement-error"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="statement-contracts"]')).toBeNull()
  })
})
