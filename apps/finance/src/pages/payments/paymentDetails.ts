import { computed } from 'vue'
import type { FormRules } from 'element-plus'
import { useFormRules, useText } from '@mosaic/ui'

/** What a payment's form holds besides its receivable and amount: the details editable after recording. */
export interface PaymentDetails {
  paidOn: string | null
  method: string | null
  payer: string
  reference: string
  note: string
}

/** The rules of the details (date, method and payer required), for the dialog's form. */
export function usePaymentDetailRules() {
  const { t } = useText()
  const rule = useFormRules()
  return computed<FormRules>(() => ({
    paidOn: [rule.required(t('finance.payment.paidOn'), { trigger: 'change' })],
    method: [rule.required(t('finance.payment.method'), { trigger: 'change' })],
    payer: [rule.required(t('finance.payment.payer'), { whitespace: true })],
  }))
}

/** The details as the API takes them: trimmed, an empty reference or note sent as null. */
export const detailsBody = (d: PaymentDetails) => ({
  paidOn: d.paidOn ?? '',
  method: d.method ?? '',
  payer: d.payer.trim(),
  reference: d.reference.trim() || null,
  note: d.note.trim() || null,
})
