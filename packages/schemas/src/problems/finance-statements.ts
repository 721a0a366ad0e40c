import type { ProblemCatalog } from './catalog.js'

/** The finance service's codes for reconciliation statements and the portal's answers to them. */
export const financeStatementProblems = {
  // inputs
  'validation.period_order': {
    zh: '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  'validation.dispute_note': { zh: '有异议时请说明原因', en: 'Say what is wrong when disputing' },
  // statements
  'finance.statement.no_customer': {
    zh: '财务没有该客户的合同记录',
    en: 'Finance has no contracts of this customer',
  },
  'finance.statement.changed': {
    zh: '对账单的数据已变化，请刷新后重新确认',
    en: 'The statement’s figures have changed; reload it and answer again',
  },
} as const satisfies ProblemCatalog
