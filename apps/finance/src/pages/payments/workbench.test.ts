import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ElSelect, ElTable } from 'element-plus'
import { click } from '@mosaic/ui/test-utils'
import { ALL, http, mountFinance, pageOf, paymentFixture, usePageTests } from '../../test-support'

usePageTests()

const shown = (testId: string) => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  return !!el && el.style.display !== 'none'
}

describe('payments: import, export and the bulk bar', () => {
  it('bulk edit goes through the payments’ own bulk update; import and export follow their codes', async () => {
    const payment = paymentFixture()
    const { wrapper } = await mountFinance('/finance/payments', () => pageOf([payment]), {
      permissions: [...ALL, 'finance.payment.import'],
    })
    expect(shown('list-import')).toBe(true)
    expect(shown('list-export-button')).toBe(false)

    wrapper.findComponent(ElTable).vm.$emit('selection-change', [payment])
    await flushPromises()
    http.post.mockResolvedValueOnce({
      results: [{ id: payment.id, ok: true, title: payment.number }],
      succeeded: 1,
      failed: 0,
    })
    click('bulk-edit')
    await flushPromises()
    wrapper
      .findAllComponents(ElSelect)
      .find((s) => s.attributes('data-testid') === 'bulk-edit-field')!
      .vm.$emit('update:modelValue', 'method')
    await flushPromises()
    const pickers = wrapper
      .findAllComponents({ name: 'DictSelect' })
      .filter((c) => c.props('type') === 'payment_method')
    pickers.at(-1)!.vm.$emit('update:modelValue', 'cash')
    await flushPromises()
    click('bulk-edit-submit')
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith('/api/finance/payments/bulk-update', {
      ids: [payment.id],
      method: 'cash',
    })
    expect(document.querySelector('[data-testid="bulk-result"]')!.textContent).toContain(payment.number)
  })
})
