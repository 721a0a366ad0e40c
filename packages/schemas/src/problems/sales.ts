import type { ProblemCatalog } from './catalog.js'

/**
 * Sales' codes (leads, customers, pool, follow-ups, opportunities, transfers), plus `attachment.*`:
 * the kit's attachment policy answers with those for any service whose records carry files.
 */
export const salesProblems = {
  'attachment.unknown': {
    zh: '附件不存在或无权使用，请重新上传',
    en: 'No such attachment, or it is not yours to use. Upload the file again.',
  },
  'attachment.repeated': { zh: '同一附件重复添加', en: 'Listed twice' },
} as const satisfies ProblemCatalog
