import type { ProblemCatalog } from './catalog.js'

/** Field problems of roles and of the rules edited in the admin app (numbering, pool, closure). */
export const adminRuleProblems = {
  'admin.role.unknown_permission': { zh: '未知的权限编码', en: 'Unknown permission code' },
  'admin.role.code_format': {
    zh: '以小写字母开头，仅含小写字母、数字和下划线',
    en: 'Lower-case letters, digits and underscores, starting with a letter',
  },
  'admin.rule.prefix_format': {
    zh: '最多 12 位大写字母、数字或短横线',
    en: 'Up to 12 capital letters, digits or dashes',
  },
  'admin.rule.reset_needs_day': {
    zh: '按日重置需要包含日期的格式（yyyyMMdd 或 yyMMdd），否则编号会重复',
    en: 'A daily reset needs a date pattern with the day (yyyyMMdd or yyMMdd); otherwise numbers would repeat.',
  },
  'admin.rule.reset_needs_month': {
    zh: '按月重置需要至少包含月份的格式（yyyyMMdd、yyMMdd 或 yyyyMM），否则编号会重复',
    en: 'A monthly reset needs a date pattern with at least the month (yyyyMMdd, yyMMdd or yyyyMM); otherwise numbers would repeat.',
  },
  'admin.rule.reset_needs_year': {
    zh: '按年重置需要至少包含年份的格式，否则编号会重复',
    en: 'A yearly reset needs a date pattern with at least the year; otherwise numbers would repeat.',
  },
  'admin.rule.too_many_levels': { zh: '最多 {maximum} 个级别', en: 'At most {maximum} levels' },
  'admin.rule.warn_before_limit': {
    zh: '须小于最短的回收期限（{days} 天）',
    en: 'Must be less than the shortest recycling limit ({days} days)',
  },
  'admin.rule.locked_over_owned': {
    zh: '不能超过拥有客户上限',
    en: 'Cannot exceed the owned-customer limit',
  },
  'admin.rule.listed_twice': { zh: '重复列出', en: 'Listed more than once' },
  'admin.rule.not_closing_field': {
    zh: '“{field}”不是 {docType} 的结单字段（可选：{allowed}）',
    en: '"{field}" is not a closing field of {docType} (allowed: {allowed})',
  },
  'admin.rule.unknown_role': { zh: '角色不存在', en: 'No such role' },
  'admin.rule.unknown_user': { zh: '用户不存在', en: 'No such user' },
  'admin.rule.unknown_dept': { zh: '部门不存在', en: 'No such department' },
  'admin.rule.unknown_level': {
    zh: '不是字典中的客户级别',
    en: 'Not a customer level in the dictionary',
  },
} as const satisfies ProblemCatalog
