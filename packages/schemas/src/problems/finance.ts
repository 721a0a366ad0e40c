import type { ProblemCatalog } from './catalog.js'

/** The finance service's codes (receivables, payments, invoices), one block per aggregate. */
export const financeProblems = {
  // inputs
  'validation.money_positive': { zh: '金额须大于 0', en: 'The amount must be more than 0' },
  // receivables and their payment plans
  'finance.receivable.cancelled': {
    zh: '该应收账款已随合同作废或终止，回款计划只读',
    en: 'This receivable was cancelled with its contract; its payment plan is read-only.',
  },
  'finance.receivable.system_managed': {
    zh: '应收账款由合同生成，不能恢复到以前的版本',
    en: 'A receivable follows its contract; an earlier version cannot be restored.',
  },
  'finance.plan.sum_mismatch': {
    zh: '各期金额合计 {sum} 与合同金额 {total} 不一致',
    en: 'The instalments add up to {sum}, not the contract amount {total}.',
  },
  'finance.plan.below_matched': {
    zh: '已核销 {matched}，金额不能低于已核销金额',
    en: '{matched} is already written off against it; the amount cannot be lower.',
  },
  'finance.plan.removed_matched': {
    zh: '第 {seq} 期已有核销 {matched}，不能删除',
    en: 'Instalment {seq} has {matched} written off against it and cannot be removed.',
  },
  'finance.plan.removed_invoiced': {
    zh: '第 {seq} 期已关联发票，不能删除',
    en: 'Instalment {seq} has an invoice linked to it and cannot be removed.',
  },
  'finance.plan.unknown_instalment': {
    zh: '该期不属于此应收账款的回款计划',
    en: 'This instalment is not part of this receivable’s plan.',
  },
  'finance.plan.duplicate_instalment': {
    zh: '同一期在计划中出现了多次',
    en: 'The same instalment appears more than once.',
  },
  // invoices
  'finance.invoice.receivable_unknown': { zh: '应收账款不存在', en: 'No such receivable' },
  'finance.invoice.receivable_cancelled': {
    zh: '该合同的应收已取消，不能再开票',
    en: 'The receivable of this contract is cancelled; no more invoices can be requested.',
  },
  'finance.invoice.instalment_unknown': {
    zh: '回款计划中没有该期，或该期已取消',
    en: 'No such instalment in the payment plan, or it is cancelled',
  },
  'finance.invoice.amount_positive': { zh: '开票金额须大于 0', en: 'The amount must be more than 0' },
  'finance.invoice.exceeds_uninvoiced': {
    zh: '开票金额超过未开票金额 {uninvoiced}',
    en: 'The amount exceeds what is left to invoice ({uninvoiced}).',
  },
  'finance.invoice.not_editable': {
    zh: '发票已开具，只能修改备注',
    en: 'The invoice has been issued; only its remark can be changed.',
  },
  'finance.invoice.not_issuable': {
    zh: '只有申请中的发票可以开具',
    en: 'Only a requested invoice can be issued.',
  },
  'finance.invoice.not_mailable': {
    zh: '只有已开具的发票可以邮寄',
    en: 'Only an issued invoice can be mailed.',
  },
  'finance.invoice.already_voided': { zh: '发票已作废', en: 'The invoice is already void.' },
  'finance.invoice.not_deletable': {
    zh: '只有申请中的发票可以删除，已开具的请作废',
    en: 'Only a requested invoice can be deleted; void an issued one instead.',
  },
} as const satisfies ProblemCatalog
