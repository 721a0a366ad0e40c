import type { ProblemCatalog } from './catalog.js'

/** The finance service's codes for reconciliation statements and the portal's answers to them. */
export const financeStatementProblems = {
  // inputs
  'validation.period_order': { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'validation.dispute_note': { zh: '有异议时请说明原因', en: 'Say what is wrong when disputing' },
} as const satisfies ProblemCatalog
