import type { ProblemCatalog } from './catalog.js'

/** What the kit's HTTP layer answers to hostile or malformed requests (see docs/api-conventions.md). */
export const kitHttpProblems = {
  'http.value_not_storable': {
    zh: '提交的内容无法保存，请检查后重试',
    en: 'A value in the request cannot be stored.',
  },
  'http.cursor_invalid': { zh: '分页位置无效，请从第一页重新加载', en: 'The paging cursor is invalid.' },
  'validation.too_deep': { zh: '嵌套层级过深', en: 'Nested too deeply' },
  'validation.forbidden_key': { zh: '不允许的字段名', en: 'This field name is not allowed' },
  'validation.cursor': { zh: '分页位置无效', en: 'Invalid paging cursor' },
  // Field errors of @mosaic/dictionary's value check (found by the hostile-input harness without a catalog entry).
  'dict.unknown': {
    // The dictionary's code (`params.type`) stays out of the words: a reader sees the field's label beside them.
    zh: '「{value}」不是可选的值',
    en: '"{value}" is not one of the allowed values',
  },
  'dict.disabled': {
    zh: '「{value}」已停用，不能再选',
    en: '"{value}" has been disabled and can no longer be chosen',
  },
} as const satisfies ProblemCatalog
