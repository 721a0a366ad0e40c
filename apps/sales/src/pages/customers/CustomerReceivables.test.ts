import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import type { sales } from '@mosaic/schemas'
import { http, testI18n, withPermissions } from '../../test-support'
import CustomerReceivables from './CustomerReceivables.vue'

resetAfterEach()

const ACME = 'cccccccc-0000-4000-8000-000000000001'
const SUMMARY: sales.CustomerReceivablesSummary = {
  contractCount: 2,
  total: '150000.00',
  received: '95000.50',
  outstanding: '54999.50',
  collectedPercent: '63.33',
  invoiced: '60000.00',
  progressedAt: '2026-03-02T08:00:00.000Z',
}

async function mountSummary(locale: 'zh-CN' | 'en', answer: () => Promise<unknown>) {
  http.get.mockImplementation(answer)
  const wrapper = mount(CustomerReceivables, {
    props: { customerId: ACME },
    global: { plugins: [testI18n(locale), withPermissions('sales.customer.read')] },
  })
  await flushPromises()
  return wrapper
}

describe("a customer's collection in its summary", () => {
  it('shows contract total, received, outstanding and the collected % from finance, in Chinese', async () => {
    const w = await mountSummary('zh-CN', async () => SUMMARY)
    expect(http.get.mock.calls[0]?.[0]).toBe(`/api/sales/customers/${ACME}/receivables-summary`)
    const text = w.text()
    for (const shown of [
      '合同总额',
      '¥150,000.00',
      '2 份合同',
      '已回款',
      '¥95,000.50',
      '未回款',
      '¥54,999.50',
    ])
      expect(text).toContain(shown)
    expect(text).toContain('回款率')
    const bar = w.find('[data-testid="receivables-collected"]')
    expect(bar.text()).toContain('63.33%')
    // The bar fills to the same figure.
    expect(bar.find('.el-progress-bar__inner').attributes('style')).toContain('width: 63.33%')
  })

  it('says the same in English, and zeros for a customer with no contract yet', async () => {
    const zero = {
      ...SUMMARY,
      contractCount: 0,
      total: '0.00',
      received: '0.00',
      outstanding: '0.00',
      collectedPercent: '0.00',
      progressedAt: null,
    }
    const text = (await mountSummary('en', async () => zero)).text()
    for (const shown of [
      'Contract total',
      '¥0.00',
      '0 contracts',
      'Received',
      'Outstanding',
      'Collected',
      '0.00%',
    ])
      expect(text).toContain(shown)
  })

  it('tells why when the summary cannot be read', async () => {
    const w = await mountSummary('en', async () => {
      throw Object.assign(new Error('boom'), { status: 500 })
    })
    expect(w.find('[data-testid="customer-receivables-error"]').exists()).toBe(true)
    expect(w.text()).not.toContain('Contract total')
  })
})
