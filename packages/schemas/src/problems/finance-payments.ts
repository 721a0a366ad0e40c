import type { ProblemCatalog } from './catalog.js'

/** The finance service's codes for payments (回款) and their write-offs (核销). */
export const financePaymentProblems = {
  'finance.payment.receivable_unknown': { zh: '应收款不存在', en: 'No such receivable' },
  'finance.payment.receivable_cancelled': {
    zh: '该应收款已取消，不能再登记回款',
    en: 'This receivable is cancelled; no payment can be recorded against it.',
  },
  'finance.payment.exceeds_outstanding': {
    zh: '回款金额超过未收金额（可登记 {outstanding}，已扣除待审批的回款）',
    en: 'The amount exceeds what is outstanding ({outstanding}, after payments awaiting approval).',
  },
  'finance.payment.has_writeoffs': {
    zh: '该回款已核销，请先撤销核销再删除',
    en: 'This payment has been written off; reverse its write-offs before deleting it.',
  },
  'finance.payment.not_confirmed': {
    zh: '只有已确认的回款可以核销',
    en: 'Only a confirmed payment can be written off.',
  },
  'finance.writeoff.instalment_unknown': {
    zh: '该回款计划期次不属于此应收款或已取消',
    en: 'This instalment is not part of the payment’s receivable, or it is cancelled.',
  },
  'finance.writeoff.instalment_repeated': {
    zh: '同一期次只能出现一次',
    en: 'Each instalment may appear only once.',
  },
  'finance.writeoff.exceeds_instalment': {
    zh: '超过该期未核销金额 {remaining}',
    en: 'More than the instalment’s remaining {remaining}.',
  },
  'finance.writeoff.exceeds_unmatched': {
    zh: '核销合计 {total} 超过回款未核销金额 {unmatched}',
    en: 'The write-offs total {total}, more than the payment’s unmatched {unmatched}.',
  },
  'finance.writeoff.already_reversed': { zh: '该核销已撤销', en: 'This write-off is already reversed.' },
} as const satisfies ProblemCatalog
