/**
 * What a problem+json `code` means, in both languages the UI speaks. A service throws a code with
 * params (never free text); `detail` is the English rendering and the UI renders the user's own.
 * Placeholders are `{name}`; a param holding an ISO timestamp is shown in the reader's time zone.
 */
export interface ProblemText {
  zh: string
  en: string
}

export type ProblemCatalog = Record<string, ProblemText>

/** Answers any route can give, whatever its domain. */
export const httpProblems = {
  'http.bad_request': { zh: '请求无效', en: 'The request is not valid.' },
  'http.validation_failed': { zh: '提交内容有误，请检查表单', en: 'One or more fields are invalid.' },
  'http.unauthorized': { zh: '请先登录', en: 'Authentication required.' },
  'http.forbidden': { zh: '没有权限执行此操作', en: 'You do not have permission for this action.' },
  'http.not_found': { zh: '记录不存在或无权查看', en: 'Record not found.' },
  'http.route_not_found': { zh: '接口不存在', en: 'No such endpoint.' },
  'http.conflict': { zh: '操作冲突，请刷新后重试', en: 'The request conflicts with the current state.' },
  'http.stale': {
    zh: '该记录已被他人修改，请重新加载后再编辑',
    en: 'The record was changed by someone else. Reload it and apply your change again.',
  },
  'http.precondition_required': {
    zh: '缺少版本信息，请重新加载后再编辑',
    en: 'Send If-Match with the version you are editing.',
  },
  'http.if_match_invalid': {
    zh: '版本信息格式不正确，请重新加载后再编辑',
    en: 'If-Match must be the record version, e.g. "3".',
  },
  'http.locked': { zh: '资源已锁定', en: 'The resource is locked.' },
  'http.too_many_requests': { zh: '操作过于频繁，请稍后再试', en: 'Too many requests, try again later.' },
  'http.payload_too_large': {
    zh: '提交内容过大',
    en: 'The request body is larger than this service accepts.',
  },
  'http.headers_too_large': { zh: '请求头过大', en: 'The request headers are too large.' },
  'http.malformed_json': { zh: '提交内容不是有效的 JSON', en: 'The request body is not valid JSON.' },
  'http.unsupported_media_type': {
    zh: '不支持的内容类型，请以 JSON 提交',
    en: 'This endpoint takes a JSON body (Content-Type: application/json).',
  },
  'http.body_not_allowed': { zh: '此操作不接受请求内容', en: 'This endpoint takes no request body.' },
  'http.internal': { zh: '服务暂时不可用，请稍后重试', en: 'An unexpected error occurred.' },
  'http.unavailable': { zh: '服务暂时不可用，请稍后重试', en: 'The service is not available right now.' },
} as const satisfies ProblemCatalog

/** Per-field messages, from the schemas' checks. */
export const validationProblems = {
  'validation.invalid': { zh: '格式不正确', en: 'Invalid value' },
  'validation.required': { zh: '必填', en: 'Required' },
  'validation.invalid_type': { zh: '类型不正确', en: 'Invalid value type' },
  'validation.unknown_field': { zh: '不支持的字段', en: 'Unknown field' },
  'validation.invalid_characters': {
    zh: '包含不允许的字符',
    en: 'Contains characters that are not allowed',
  },
  'validation.too_short': { zh: '至少 {minimum} 个字符', en: 'At least {minimum} characters' },
  'validation.too_long': { zh: '最多 {maximum} 个字符', en: 'At most {maximum} characters' },
  'validation.too_small': { zh: '不能小于 {minimum}', en: 'Must be at least {minimum}' },
  'validation.too_big': { zh: '不能大于 {maximum}', en: 'Must be at most {maximum}' },
  'validation.too_few': { zh: '至少选择 {minimum} 项', en: 'Choose at least {minimum}' },
  'validation.too_many': { zh: '最多 {maximum} 项', en: 'At most {maximum} items' },
  'validation.one_of': { zh: '不是可选的值', en: 'Not one of the allowed values' },
  'validation.email': { zh: '邮箱格式不正确', en: 'Invalid email address' },
  'validation.id': { zh: '不是有效的编号', en: 'Not a valid id' },
  'validation.date': { zh: '日期格式不正确（YYYY-MM-DD）', en: 'Invalid date (YYYY-MM-DD)' },
  'validation.datetime': { zh: '时间格式不正确', en: 'Invalid date and time' },
  'validation.date_out_of_range': {
    zh: '日期须在 {min} 至 {max} 之间',
    en: 'The date must be between {min} and {max}',
  },
  'validation.integer': { zh: '须为整数', en: 'Must be a whole number' },
  'validation.format': { zh: '格式不正确', en: 'Invalid format' },
  'validation.phone': { zh: '电话号码格式不正确', en: 'Invalid phone number' },
  /** A bulk edit (批量修改) with no field to change. */
  'validation.bulk_field_required': {
    zh: '请至少选择一个要修改的字段',
    en: 'Choose at least one field to change',
  },
  'validation.money': {
    zh: '金额最多 16 位整数、2 位小数',
    en: 'Amount: up to 16 digits and 2 decimals',
  },
} as const satisfies ProblemCatalog
