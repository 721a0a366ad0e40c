import type { PermissionAction, PermissionCode, ResourceKey, ServiceCode } from './codes.js'

/** Chinese and English names for the catalog's services, resources and actions. */

export interface I18nLabel {
  zh: string
  en: string
}

export const SERVICE_LABELS: Readonly<Record<ServiceCode, I18nLabel>> = {
  admin: { zh: '系统管理', en: 'Administration' },
  sales: { zh: '销售', en: 'Sales' },
  orders: { zh: '合同与订单', en: 'Contracts & orders' },
  tickets: { zh: '服务', en: 'Service' },
  finance: { zh: '财务', en: 'Finance' },
}

export const RESOURCE_LABELS: Readonly<Record<ResourceKey, I18nLabel>> = {
  'admin.user': { zh: '用户', en: 'Users' },
  'admin.dept': { zh: '部门', en: 'Departments' },
  'admin.role': { zh: '角色', en: 'Roles' },
  'admin.dict': { zh: '数据字典', en: 'Data dictionaries' },
  'admin.rule': { zh: '业务规则', en: 'Business rules' },
  'admin.approval-flow': { zh: '审批流程', en: 'Approval flows' },
  'admin.audit': { zh: '操作日志', en: 'Audit log' },
  'admin.recycle': { zh: '回收站', en: 'Recycle bin' },
  'admin.init': { zh: '数据初始化', en: 'Data initialisation' },
  'admin.notification': { zh: '消息提醒', en: 'Notifications' },
  'sales.lead': { zh: '销售线索', en: 'Leads' },
  'sales.customer': { zh: '客户', en: 'Customers' },
  'sales.contact': { zh: '联系人', en: 'Contacts' },
  'sales.pool': { zh: '公海客户', en: 'Public pool' },
  'sales.followup': { zh: '跟进记录', en: 'Follow-ups' },
  'sales.opportunity': { zh: '销售机会', en: 'Opportunities' },
  'sales.team': { zh: '协作人', en: 'Team members' },
  'orders.product': { zh: '产品', en: 'Products' },
  'orders.quote': { zh: '报价单', en: 'Quotes' },
  'orders.contract': { zh: '销售合同', en: 'Contracts' },
  'orders.order': { zh: '销售订单', en: 'Sales orders' },
  'orders.shipment': { zh: '物流单', en: 'Shipments' },
  'tickets.ticket': { zh: '工单', en: 'Tickets' },
  'tickets.portal-account': { zh: '客户账号', en: 'Portal accounts' },
  'tickets.sla': { zh: 'SLA 与工作时间', en: 'SLA and business hours' },
  'finance.receivable': { zh: '应收账款', en: 'Receivables' },
  'finance.payment-plan': { zh: '回款计划', en: 'Payment plans' },
  'finance.payment': { zh: '回款', en: 'Payments' },
  'finance.invoice': { zh: '发票', en: 'Invoices' },
  'finance.statement': { zh: '对账单', en: 'Reconciliation statements' },
}

/** `tpl` composes the full label; `{r}` is the resource label (lower-cased in English). */
export interface ActionLabel extends I18nLabel {
  tpl?: I18nLabel
}

export const ACTION_LABELS: Readonly<Record<PermissionAction, ActionLabel>> = {
  read: { zh: '查看', en: 'View' },
  create: { zh: '新增', en: 'Create' },
  update: { zh: '编辑', en: 'Edit' },
  delete: { zh: '删除', en: 'Delete' },
  restore: { zh: '恢复', en: 'Restore', tpl: { zh: '恢复已删除{r}', en: 'Restore deleted {r}' } },
  purge: { zh: '彻底删除', en: 'Purge', tpl: { zh: '{r}彻底删除', en: 'Purge from {r}' } },
  revert: {
    zh: '版本还原',
    en: 'Revert version',
    tpl: { zh: '还原{r}历史版本', en: 'Revert {r} to an earlier version' },
  },
  transfer: {
    zh: '变更所属人',
    en: 'Transfer owner',
    tpl: { zh: '变更{r}所属人', en: 'Transfer {r} to another owner' },
  },
  assign: { zh: '分配', en: 'Assign' },
  claim: { zh: '领取', en: 'Claim', tpl: { zh: '领取{r}', en: 'Claim from {r}' } },
  release: {
    zh: '移入公海',
    en: 'Move to pool',
    tpl: { zh: '客户移入公海', en: 'Move customers to the public pool' },
  },
  run: { zh: '执行', en: 'Run' },
  lock: { zh: '锁定/解锁', en: 'Lock/unlock' },
  convert: { zh: '转化', en: 'Convert', tpl: { zh: '{r}转化为客户', en: 'Convert {r} to customers' } },
  invalidate: { zh: '标记无效', en: 'Mark invalid', tpl: { zh: '标记无效{r}', en: 'Mark {r} invalid' } },
  close: { zh: '结单', en: 'Close', tpl: { zh: '{r}结单', en: 'Close {r}' } },
  reopen: { zh: '重新打开', en: 'Reopen', tpl: { zh: '重新打开{r}', en: 'Reopen closed {r}' } },
  submit: {
    zh: '提交审批',
    en: 'Submit for approval',
    tpl: { zh: '{r}提交审批', en: 'Submit {r} for approval' },
  },
  approve: { zh: '审批', en: 'Approve', tpl: { zh: '审批{r}', en: 'Approve or reject {r}' } },
  void: { zh: '作废', en: 'Void' },
  terminate: { zh: '终止', en: 'Terminate' },
  cancel: { zh: '取消', en: 'Cancel' },
  resolve: { zh: '解决', en: 'Resolve' },
  writeoff: { zh: '核销', en: 'Write off', tpl: { zh: '{r}核销', en: 'Match {r} against instalments' } },
  'reset-password': {
    zh: '重置密码',
    en: 'Reset password',
    tpl: { zh: '重置{r}密码', en: 'Reset passwords of {r}' },
  },
  import: { zh: '导入', en: 'Import' },
  export: { zh: '导出', en: 'Export' },
}

/** Codes whose composed label reads badly. */
export const LABEL_OVERRIDES: Partial<Record<PermissionCode, I18nLabel>> = {
  'admin.recycle.restore': { zh: '从回收站恢复', en: 'Restore from the recycle bin' },
  'admin.notification.create': { zh: '发送消息提醒', en: 'Send notifications' },
  'sales.pool.assign': { zh: '分配公海客户', en: 'Assign pool customers' },
  'sales.pool.run': { zh: '执行公海回收', en: 'Run pool recycling' },
  'sales.team.create': { zh: '添加协作人', en: 'Add team members' },
  'sales.team.delete': { zh: '移除协作人', en: 'Remove team members' },
  'finance.invoice.create': { zh: '申请开票', en: 'Request invoices' },
}

export function fullLabel(resource: I18nLabel, action: ActionLabel): I18nLabel {
  const tpl = action.tpl ?? { zh: `${action.zh}{r}`, en: `${action.en} {r}` }
  return { zh: tpl.zh.replace('{r}', resource.zh), en: tpl.en.replace('{r}', resource.en.toLowerCase()) }
}
