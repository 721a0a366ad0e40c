import type { ProblemCatalog } from './catalog.js'

/** Answers of the kit's shared record, team, upload and service-call machinery. */
export const kitProblems = {
  'record.read_only_member': {
    zh: '您是该记录的只读团队成员：可以查看，不能修改',
    en: 'You are a read-only team member of this record: you can view it but not change it.',
  },
  'record.owner_only': {
    zh: '只有负责人或数据权限覆盖该记录的主管可以执行此操作，团队成员不可以',
    en: 'Only the owner of this record, or a manager whose data scope covers it, can do this; team members cannot.',
  },
  'record.awaiting_approval': {
    zh: '该记录正在审批中，审批结束或撤回后才能修改',
    en: 'This record is awaiting approval; it can be changed once the approval ends or is withdrawn.',
  },
  'record.not_in_recycle_bin': { zh: '该记录不在回收站中', en: 'This record is not in the recycle bin.' },
  'record.purge_needs_delete': {
    zh: '只能彻底删除回收站中的记录，请先删除',
    en: 'Only records in the recycle bin can be purged. Delete it first.',
  },
  'record.purge_referenced': {
    zh: '仍有其他记录引用它，无法彻底删除，请保留在回收站中',
    en: 'Other records still refer to this one, so it cannot be purged. Keep it in the recycle bin.',
  },
  'record.version_not_found': { zh: '版本 {version} 不存在', en: 'Version {version} not found.' },
  'record.type_not_found': { zh: '没有这种记录类型', en: 'No such record type.' },
  'team.owner_has_full_access': {
    zh: '负责人已拥有全部权限，请选择其他人',
    en: 'The owner already has full access; choose someone else.',
  },
  'team.already_member': {
    zh: '该用户已是团队成员，请修改其权限',
    en: 'This user is already a team member; change their access instead.',
  },
  'team.member_not_found': { zh: '团队成员不存在', en: 'Team member not found.' },
  'attachment.not_found': { zh: '附件不存在或无权查看', en: 'Attachment not found.' },
  'attachment.file_missing': { zh: '附件文件已丢失', en: 'The attachment file is missing.' },
  'attachment.empty': { zh: '文件为空', en: 'The file is empty.' },
  'attachment.interrupted': { zh: '上传中断，请重试', en: 'The upload was interrupted.' },
  'attachment.too_large': {
    zh: '文件不能超过 {maxBytes} 字节',
    en: 'A file may be at most {maxBytes} bytes.',
  },
  'attachment.type_missing': { zh: '请提供文件类型', en: "Send the file's type as Content-Type." },
  'attachment.type_not_accepted': {
    zh: '不接受 {type} 类型的文件',
    en: 'Files of type {type} are not accepted.',
  },
  'attachment.extension_mismatch': {
    zh: '文件名 {name} 的扩展名与类型 {type} 不符',
    en: 'The name {name} does not end in an extension of type {type}.',
  },
  'attachment.content_mismatch': {
    zh: '文件内容不是 {type} 类型',
    en: "The file's content is not {type}.",
  },
  'service.token_required': { zh: '需要服务令牌', en: 'A service token is required.' },
  'service.token_expired': { zh: '服务令牌已过期', en: 'The service token has expired.' },
  'service.token_invalid': { zh: '服务令牌无效', en: 'The service token is invalid.' },
  'service.source_forbidden': {
    zh: '{caller} 的令牌不能投递来自 {source} 的事件',
    en: 'A {caller} token cannot deliver events from {source}.',
  },
  'service.calls_unconfigured': {
    zh: '服务间调用未配置',
    en: 'Service-to-service calls are not configured.',
  },
  'idempotency.key_required': {
    zh: '缺少 Idempotency-Key 请求头：每次提交需带一个唯一键，重试时沿用同一个',
    en: 'The Idempotency-Key header is required: send a unique key with each submission and reuse it when retrying.',
  },
  'idempotency.key_invalid': {
    zh: 'Idempotency-Key 须为 8 到 128 个可见 ASCII 字符（如 UUID）',
    en: 'The Idempotency-Key must be 8 to 128 visible ASCII characters (a UUID fits).',
  },
  'idempotency.key_reused': {
    zh: '该 Idempotency-Key 已用于另一个不同的请求，请换一个新键',
    en: 'This Idempotency-Key was already used for a different request; use a new key.',
  },
} as const satisfies ProblemCatalog
