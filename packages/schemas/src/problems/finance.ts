/** The finance service's codes: receivables and their payment plans (回款计划). */
export const financeProblems = {
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
} as const
