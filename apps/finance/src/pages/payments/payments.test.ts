import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { DictSelect } from '@mosaic/dictionary/vue'
import { ListPage } from '@mosaic/ui'
import { problemError, type } from '@mosaic/ui/test-utils'
import {
  RECEIVABLE,
  http,
  mountFinance,
  mountOpened,
  pageOf,
  paymentFixture,
  planFixture,
  pageText,
  press,
  receivableFixture,
  usePageTests,
} from '../../test-support'
import PaymentDialog from './PaymentDialog.vue'
import WriteoffDialog from './WriteoffDialog.vue'

usePageTests()

const KEY = 'Idempotency-Key'
const sentKeys = () =>
  http.post.mock.calls.map((c) => (c[2] as { headers: Record<string, string> }).headers[KEY])

describe('payment dialog', () => {
  async function filled() {
    const w = await mountOpened(PaymentDialog, { receivable: receivableFixture() })
    type('payment-amount', '45000.00')
    w.findComponent(DictSelect).vm.$emit('update:modelValue', 'transfer')
    await flushPromises()
    return w
  }

  it('defaults the payer to the customer and shows the outstanding amount', async () => {
    await filled()
    expect(document.querySelector<HTMLInputElement>('[data-testid="field-payer"]')!.value).toBe('Acme 公司')
    expect(document.querySelector('[data-testid="payment-max"]')!.textContent).toContain('¥70,000.00')
  })

  it('sends the same Idempotency-Key on a retry after a network error and a new one after success', async () => {
    const w = await filled()
    http.post.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await press('payment-submit')
    http.post.mockResolvedValueOnce(paymentFixture({ status: 'pending' }))
    await press('payment-submit')
    expect(http.post).toHaveBeenCalledTimes(2)
    const [first, retry] = sentKeys()
    expect(first).toMatch(/^[\x21-\x7e]{8,128}$/)
    expect(retry).toBe(first)
    expect(http.post.mock.calls[0]![0]).toBe('/api/finance/payments')
    expect(http.post.mock.calls[0]![1]).toMatchObject({
      receivableId: RECEIVABLE,
      amount: '45000.00',
      method: 'transfer',
      payer: 'Acme 公司',
      reference: null,
    })
    expect(w.emitted('saved')).toHaveLength(1)

    // Opened again for the next payment: the same values are another payment, under a new key.
    await w.setProps({ modelValue: false })
    await w.setProps({ modelValue: true })
    type('payment-amount', '45000.00')
    w.findComponent(DictSelect).vm.$emit('update:modelValue', 'transfer')
    await flushPromises()
    http.post.mockResolvedValueOnce(paymentFixture())
    await press('payment-submit')
    expect(sentKeys()[2]).not.toBe(first)
  })

  it('makes a new key when the values change between attempts, and shows 422 field errors on the fields', async () => {
    await filled()
    http.post.mockRejectedValueOnce(
      problemError({
        status: 422,
        errors: [{ field: 'amount', code: 'finance.x', message: 'exceeds outstanding' }],
      }),
    )
    await press('payment-submit')
    await new Promise((r) => setTimeout(r, 150))
    expect(pageText()).toContain('exceeds outstanding')
    type('payment-amount', '40000.00')
    await flushPromises()
    http.post.mockResolvedValueOnce(paymentFixture())
    await press('payment-submit')
    const [first, second] = sentKeys()
    expect(second).not.toBe(first)
  })
})

describe('write-off dialog', () => {
  it('prefills the instalments oldest due first up to the unmatched amount, and sends the rows with money', async () => {
    http.get.mockResolvedValue(planFixture())
    const payment = paymentFixture()
    await mountOpened(WriteoffDialog, { payment })
    expect(http.get).toHaveBeenCalledWith(`/api/finance/receivables/${RECEIVABLE}/plan`)
    const amount = (seq: number) =>
      document.querySelector<HTMLInputElement>(`[data-testid="writeoff-amount-${seq}"]`)?.value
    expect(amount(1)).toBeUndefined()
    expect(amount(2)).toBe('40000.00')
    expect(amount(3)).toBe('5000.00')
    expect(document.querySelector('[data-testid="writeoff-sum"]')!.textContent).toContain('¥45,000.00')

    type('writeoff-amount-3', '6000')
    await flushPromises()
    expect(pageText()).toContain('may not exceed')
    expect(document.querySelector<HTMLButtonElement>('[data-testid="writeoff-submit"]')!.disabled).toBe(true)

    type('writeoff-amount-3', '0')
    await flushPromises()
    http.post.mockResolvedValueOnce([])
    await press('writeoff-submit')
    expect(http.post).toHaveBeenCalledWith(
      `/api/finance/payments/${payment.id}/writeoffs`,
      { allocations: [{ instalmentId: planFixture().instalments[1]!.id, amount: '40000.00' }] },
      { ifMatch: payment.version },
    )
  })
})

describe('payments list', () => {
  const settled = paymentFixture({ id: 'ffffffff-0000-4000-8000-000000000010', number: 'HK202602010002' })
  const answer = (path: string) => {
    if (path === '/api/finance/payments') return pageOf([paymentFixture({ status: 'pending' }), settled])
    throw new Error(`unexpected GET ${path}`)
  }

  it('shows amounts as money, methods and statuses as labels', async () => {
    const { warnings } = await mountFinance('/finance/payments', answer)
    expect(pageText()).toContain('¥45,000.00')
    expect(pageText()).toContain('Awaiting approval')
    // Dictionary entries in the dictionaries' configured language (zh-CN here).
    expect(pageText()).toContain('转账')
    expect(warnings).toEqual([])
  })

  it('marks the checked payments settled and shows the outcome per record', async () => {
    const { wrapper } = await mountFinance('/finance/payments', answer)
    wrapper.findComponent(ListPage).vm.$emit('selection-change', [paymentFixture(), settled])
    await flushPromises()
    http.post.mockResolvedValueOnce({
      results: [
        { id: paymentFixture().id, ok: true, title: 'HK202602010001' },
        { id: settled.id, ok: false, title: 'HK202602010002', error: 'Payment is still pending approval' },
      ],
      succeeded: 1,
      failed: 1,
    })
    await press('payments-bulk-settle')
    expect(http.post).toHaveBeenCalledWith('/api/finance/payments/bulk-update', {
      ids: [paymentFixture().id, settled.id],
      commissionSettled: true,
    })
    const dialog = document.querySelector('[data-testid="bulk-result"]')!.textContent!
    expect(dialog).toContain('HK202602010002')
    expect(dialog).toContain('Payment is still pending approval')
  })

  it('opens a payment from ?open=<id> and says a pending one is not counted as received', async () => {
    const pending = paymentFixture({ status: 'pending' })
    await mountFinance(`/finance/payments?open=${pending.id}`, (path) =>
      path === `/api/finance/payments/${pending.id}` ? pending : answer(path),
    )
    const drawer = document.querySelector('[data-testid="payment-drawer"]')!.textContent!
    expect(drawer).toContain('not counted as received')
    expect(document.querySelector('[data-testid="payment-writeoff-HK202602010001"]')).toBeNull()
  })

  it('shows the server text when a delete is refused', async () => {
    await mountFinance('/finance/payments', answer)
    http.delete.mockRejectedValueOnce(
      problemError({ status: 409, title: 'Conflict', detail: 'It has write-offs' }),
    )
    await press(`payment-more-${settled.number}`)
    await press(`payment-delete-${settled.number}`)
    document
      .querySelector<HTMLElement>(
        '.el-message-box__btns .el-button--primary, .el-message-box__btns .el-button--danger',
      )
      ?.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    expect(http.delete).toHaveBeenCalledWith(`/api/finance/payments/${settled.id}`, {
      ifMatch: settled.version,
    })
    expect(pageText()).toContain('It has write-offs')
  })
})
