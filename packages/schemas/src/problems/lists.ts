import type { ProblemCatalog } from './catalog.js'

/** Paging answers every list endpoint can give (the kit's `resolvePaging`). */
export const listProblems = {
  'paging.page_too_deep': {
    zh: '页码过深（超过 {max} 条），请改用“下一页”继续浏览或缩小筛选范围',
    en: 'That page is beyond the first {max} rows; use next/previous paging or narrow the filters.',
  },
  'paging.page_with_cursor': {
    zh: '不能同时指定页码和翻页游标',
    en: 'Send either page or cursor, not both.',
  },
} as const satisfies ProblemCatalog
