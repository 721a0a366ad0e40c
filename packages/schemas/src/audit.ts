/**
 * Every action an audit row (and a version snapshot) may carry, with its label in both languages.
 * The list is closed: the kit refuses to write an action that is not here, and a test scans the
 * services for action strings, so a new verb is added here (with its labels) before it is used.
 */
export const AUDIT_ACTIONS = {
  create: { zh: '新增', en: 'Created' },
  update: { zh: '修改', en: 'Updated' },
  delete: { zh: '删除', en: 'Deleted' },
  restore: { zh: '从回收站恢复', en: 'Restored' },
  purge: { zh: '彻底删除', en: 'Purged' },
  restore_version: { zh: '恢复版本', en: 'Version restored' },
  transfer: { zh: '转移', en: 'Transferred' },
  team_add: { zh: '添加协作人', en: 'Team member added' },
  team_update: { zh: '修改协作权限', en: 'Team access changed' },
  team_remove: { zh: '移除协作人', en: 'Team member removed' },
  deal: { zh: '成交', en: 'Deal closed' },
  close: { zh: '关闭', en: 'Closed' },
  reopen: { zh: '重新打开', en: 'Reopened' },
  lock: { zh: '锁定', en: 'Locked' },
  unlock: { zh: '解锁', en: 'Unlocked' },
  advance: { zh: '推进', en: 'Advanced' },
  invalidate: { zh: '标为无效', en: 'Marked invalid' },
  assign: { zh: '分配', en: 'Assigned' },
  claim: { zh: '领取', en: 'Claimed' },
  release: { zh: '放回公海', en: 'Released to the pool' },
  recycle: { zh: '收回公海', en: 'Recycled to the pool' },
  convert: { zh: '转化', en: 'Converted' },
  submit: { zh: '提交审批', en: 'Submitted for approval' },
  approve: { zh: '审批通过', en: 'Approved' },
  reject: { zh: '审批驳回', en: 'Rejected' },
  withdraw: { zh: '撤回审批', en: 'Approval withdrawn' },
  send: { zh: '发送', en: 'Sent' },
  accept: { zh: '客户接受', en: 'Accepted' },
  expire: { zh: '过期', en: 'Expired' },
  change: { zh: '变更', en: 'Changed' },
  void: { zh: '作废', en: 'Voided' },
  terminate: { zh: '终止', en: 'Terminated' },
  cancel: { zh: '取消', en: 'Cancelled' },
  plan_update: { zh: '修改回款计划', en: 'Payment plan changed' },
  ship: { zh: '发货', en: 'Shipped' },
  writeoff: { zh: '核销', en: 'Written off' },
  writeoff_reverse: { zh: '撤销核销', en: 'Write-off reversed' },
  bulk_update: { zh: '批量修改', en: 'Bulk edited' },
  import: { zh: '导入', en: 'Imported' },
  import_undo: { zh: '撤销导入', en: 'Import undone' },
  complete: { zh: '完成', en: 'Completed' },
  // invoices
  issue: { zh: '开具发票', en: 'Invoice issued' },
  mail: { zh: '邮寄发票', en: 'Invoice mailed' },
  on_sale: { zh: '上架', en: 'Put on sale' },
  off_sale: { zh: '下架', en: 'Taken off sale' },
  enable: { zh: '启用', en: 'Enabled' },
  disable: { zh: '停用', en: 'Disabled' },
  login: { zh: '登录', en: 'Signed in' },
  login_failed: { zh: '登录失败', en: 'Sign-in failed' },
  lockout: { zh: '账号锁定', en: 'Account locked' },
  logout: { zh: '退出', en: 'Signed out' },
  reset_password: { zh: '重置密码', en: 'Password reset' },
  change_password: { zh: '修改密码', en: 'Password changed' },
  password_change_failed: { zh: '修改密码失败', en: 'Password change failed' },
} as const satisfies Record<string, { zh: string; en: string }>

export type AuditAction = keyof typeof AUDIT_ACTIONS

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && Object.hasOwn(AUDIT_ACTIONS, value)
}

/** An action's label in the reader's language; an unknown (historic) action shows as it is. */
export function auditActionLabel(action: string, locale: 'zh-CN' | 'en'): string {
  if (!isAuditAction(action)) return action
  return locale === 'en' ? AUDIT_ACTIONS[action].en : AUDIT_ACTIONS[action].zh
}
