import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { problemError, type } from '@mosaic/ui/test-utils'
import {
  RECEIVABLE,
  http,
  mountFinance,
  mountOpened,
  pageOf,
  planFixture,
  pageText,
  receivableFixture,
  usePageTests,
} from '../../test-support'
import PlanEditor from './PlanEditor.vue'

usePageTests()

const collected = receivableFixture({
  id: 'aaaaaaaa-0000-4000-8000-00000000000b',
  contractNumber: 'HT202601010002',
  status: 'collected',
  received: '5000.00',
  outstanding: '0.00',
  total: '5000.00',
  collectedPercent: '100.00',
  overdue: false,
  prepayStatus: 'none',
  retentionStatus: 'none',
})
function answer(path: string): unknown {
  if (path === '/api/finance/receivables') return pageOf([receivableFixture(), collected])
  if (path === `/api/finance/receivables/${RECEIVABLE}/plan`) return planFixture()
  if (path.endsWith('/audit')) return []
  throw new Error(`unexpected GET ${path}`)
}
const row = (n: string) =>
  [...document.querySelectorAll<HTMLElement>('.el-table__row')].find((r) => r.textContent?.includes(n))!
    .textContent!

describe('receivables list', () => {
  it('shows the figures as money and the statuses as labels, in English', async () => {
    const { warnings } = await mountFinance('/finance/receivables', answer)
    const first = row('HT202601010001')
    for (const shown of [
      '¥100,000.00',
      '¥30,000.00',
      '¥70,000.00',
      '30.00%',
      '1 / 3 paid',
      'Collecting',
      'Overdue',
    ])
      expect(first).toContain(shown)
    expect(first).toMatch(/Paid\s*¥30,000\.00/)
    expect(first).toMatch(/Held\s*¥10,000\.00, due 2027-03-01/)
    expect(first).toContain('Acme 公司')
    expect(first).not.toContain(RECEIVABLE)
    expect(row('HT202601010002')).toContain('Collected')
    expect(row('HT202601010002')).not.toContain('Overdue')
    expect(warnings).toEqual([])
  })

  it('shows the same in Chinese', async () => {
    await mountFinance('/finance/receivables', answer, { locale: 'zh-CN' })
    const first = row('HT202601010001')
    for (const shown of ['¥100,000.00', '回款中', '逾期', '已付清', '未到期', '1 / 3 期'])
      expect(first).toContain(shown)
    expect(row('HT202601010002')).toContain('已回清')
  })

  it('searches by keyword', async () => {
    await mountFinance('/finance/receivables', answer)
    type('filter-q', 'Acme')
    document.querySelector<HTMLElement>('[data-testid="list-search"]')!.click()
    await flushPromises()
    const queries = http.get.mock.calls
      .filter((c) => c[0] === '/api/finance/receivables')
      .map((c) => c[1].query)
    expect(queries.at(-1)).toMatchObject({ q: 'Acme' })
  })

  it('opens the drill-down from ?open=<id>, with the summary and the plan', async () => {
    await mountFinance(`/finance/receivables?open=${RECEIVABLE}`, answer)
    const drawer = document.querySelector('[data-testid="receivable-drawer"]')!.textContent!
    expect(drawer).toContain('HT202601010001 二期设备采购')
    expect(drawer).toMatch(/Not invoiced\s*¥70,000\.00/)
    expect(drawer).toMatch(/Overdue amount\s*¥20,000\.00/)
    document.querySelector<HTMLElement>('#tab-plan')!.click()
    await flushPromises()
    const plan = document.querySelector('[data-testid="plan-table"]')!.textContent!
    expect(plan).toContain('Prepayment')
    expect(plan).toContain('¥40,000.00')
    expect(plan).toContain('Overdue')
  })
})

describe('plan editor', () => {
  const save = () => document.querySelector<HTMLButtonElement>('[data-testid="plan-save"]')!

  it('blocks a plan whose sum differs from the contract total, and saves an equal one with If-Match', async () => {
    const w = await mountOpened(PlanEditor, { plan: planFixture() })
    expect(document.querySelector('[data-testid="plan-sum"]')!.textContent).toContain('¥100,000.00')
    expect(save().disabled).toBe(false)

    type('plan-amount-1', '59999.99')
    await flushPromises()
    expect(save().disabled).toBe(true)
    expect(pageText()).toContain('off by ¥0.01')

    type('plan-amount-1', '50000.00')
    type('plan-amount-2', '20000')
    await flushPromises()
    expect(save().disabled).toBe(false)
    http.put.mockResolvedValueOnce(planFixture())
    save().click()
    await flushPromises()
    expect(http.put).toHaveBeenCalledWith(
      `/api/finance/receivables/${RECEIVABLE}/plan`,
      {
        instalments: [
          {
            id: planFixture().instalments[0]!.id,
            kind: 'prepayment',
            dueDate: '2026-01-15',
            amount: '30000.00',
            note: null,
          },
          {
            id: planFixture().instalments[1]!.id,
            kind: 'progress',
            dueDate: '2026-02-15',
            amount: '50000.00',
            note: null,
          },
          {
            id: planFixture().instalments[2]!.id,
            kind: 'retention',
            dueDate: '2027-03-01',
            amount: '20000',
            note: null,
          },
        ],
      },
      { ifMatch: 4 },
    )
    expect(w.emitted('saved')).toHaveLength(1)
  })

  it('adds and removes rows, the sum following', async () => {
    await mountOpened(PlanEditor, { plan: planFixture() })
    document.querySelector<HTMLElement>('[data-testid="line-add"]')!.click()
    await flushPromises()
    type('plan-amount-3', '1.00')
    await flushPromises()
    expect(save().disabled).toBe(true)
    document.querySelector<HTMLElement>('[data-testid="line-remove-3"]')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid="plan-sum"]')!.textContent).toContain('¥100,000.00')
  })

  it('shows the server field errors on their rows, and reloads after someone else changed the plan', async () => {
    const w = await mountOpened(PlanEditor, { plan: planFixture() })
    http.put.mockRejectedValueOnce(
      problemError({
        status: 422,
        errors: [{ field: 'instalments.1.amount', code: 'x', message: 'below written off' }],
      }),
    )
    save().click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    expect(document.querySelector('[data-testid="plan-line-1"]')!.textContent).toContain('below written off')

    http.put.mockRejectedValueOnce(problemError({ status: 409, title: 'Conflict' }))
    save().click()
    await flushPromises()
    expect(w.emitted('stale')).toHaveLength(1)
    expect(pageText()).toContain('Someone else changed this plan')
  })
})
