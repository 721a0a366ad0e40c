import type { ProblemCatalog } from './catalog.js'

/** The tickets service's codes for tickets and the SLA settings, one block per aggregate. */
export const ticketsProblems = {
  // inputs
  'validation.clock_time': { zh: '请输入 HH:MM 格式的时间', en: 'Enter a time as HH:MM' },
  'validation.day_end_after_start': {
    zh: '下班时间须晚于上班时间',
    en: 'The working day must end after it starts',
  },
  // lookups of customers, contacts, contracts and orders (sales and orders)
  'tickets.peer_unavailable': {
    zh: '暂时无法查询客户资料（{peer} 服务不可用），请稍后再试',
    en: 'Customer records cannot be looked up right now ({peer} is unavailable); try again later.',
  },
  'tickets.customer_unknown': { zh: '客户不存在或已删除', en: 'No such customer.' },
  'tickets.contact_not_customers': {
    zh: '联系人不属于该客户',
    en: 'The contact does not belong to this customer.',
  },
  'tickets.contract_not_customers': {
    zh: '合同不属于该客户',
    en: 'The contract does not belong to this customer.',
  },
  'tickets.order_not_customers': {
    zh: '订单不属于该客户（或不属于所选合同）',
    en: 'The order does not belong to this customer (or to the chosen contract).',
  },
  'tickets.assignee_unknown': {
    zh: '处理人不存在或已停用',
    en: 'No such active user to assign.',
  },
  // tickets
  'tickets.ticket.illegal_transition': {
    zh: '工单不能从「{from}」变为「{to}」',
    en: 'A ticket cannot go from {from} to {to}.',
  },
  'tickets.ticket.closed': {
    zh: '工单已关闭，不能修改',
    en: 'The ticket is closed and can no longer be edited.',
  },
  'tickets.ticket.not_resolved': {
    zh: '工单尚未解决，不能关闭',
    en: 'Only a resolved ticket can be closed.',
  },
  'tickets.ticket.resolution_required': {
    zh: '关闭工单需要填写解决方案',
    en: 'A ticket needs a resolution before it is closed.',
  },
  'tickets.ticket.feedback_required': {
    zh: '关闭工单需要客户的满意度评价',
    en: "A ticket needs the customer's satisfaction rating before it is closed.",
  },
  'tickets.ticket.reopen_window': {
    zh: '工单关闭已超过 {days} 天，不能再重新打开',
    en: 'A ticket can only be reopened within {days} days of closing.',
  },
} as const satisfies ProblemCatalog
