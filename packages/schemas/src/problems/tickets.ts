import type { ProblemCatalog } from './catalog.js'

/** The tickets service's codes for tickets and the SLA settings, one block per aggregate. */
export const ticketsProblems = {
  // inputs
  'validation.clock_time': { zh: '请输入 HH:MM 格式的时间', en: 'Enter a time as HH:MM' },
  'validation.day_end_after_start': {
    zh: '下班时间须晚于上班时间',
    en: 'The working day must end after it starts',
  },
} as const satisfies ProblemCatalog
