import type { DictType, I18nText, TagType } from './types.js'

/**
 * Built-in dictionary types and their default entries, loaded by data initialisation.
 * `value` is the stable code stored on records; admins may relabel, recolour, reorder
 * or disable entries, but values never change once records use them.
 */
interface DefaultEntry {
  value: string
  label: I18nText
  color: TagType | `#${string}`
  sort: number
  extra?: Record<string, string | number | boolean | null>
}
interface DefaultType {
  code: string
  name: I18nText
  entries: readonly DefaultEntry[]
}

type Row = readonly [
  value: string,
  zh: string,
  en: string,
  color: DefaultEntry['color'],
  extra?: DefaultEntry['extra'],
]

function type<C extends string>(
  code: C,
  zh: string,
  en: string,
  rows: readonly Row[],
): DefaultType & { code: C } {
  return {
    code,
    name: { zh, en },
    entries: rows.map(([value, lzh, len, color, extra], i) => ({
      value,
      label: { zh: lzh, en: len },
      color,
      sort: (i + 1) * 10,
      ...(extra ? { extra } : {}),
    })),
  }
}

export const DICT_TYPES = [
  type('product_unit', '产品单位', 'Product unit', [
    ['box', '箱', 'Box', 'info'],
    ['piece', '件', 'Piece', 'info'],
    ['set', '台', 'Set', 'info'],
    ['each', '个', 'Each', 'info'],
    ['kg', '千克', 'Kilogram', 'info'],
  ]),
  type('payment_method', '付款方式', 'Payment method', [
    ['cash', '现金', 'Cash', 'success'],
    ['transfer', '转账', 'Bank transfer', 'primary'],
    ['acceptance', '承兑', 'Bank acceptance', 'warning'],
  ]),
  type('courier_company', '快递公司', 'Courier company', [
    ['sf', '顺丰速运', 'SF Express', 'primary'],
    ['zto', '中通快递', 'ZTO Express', 'info'],
    ['yto', '圆通速递', 'YTO Express', 'info'],
    ['ems', 'EMS', 'EMS', 'success'],
    ['sto', '申通快递', 'STO Express', 'info'],
    ['yunda', '韵达快递', 'Yunda Express', 'info'],
    ['jd', '京东物流', 'JD Logistics', 'danger'],
  ]),
  type('invoice_type', '开票类型', 'Invoice type', [
    ['vat_special', '专票', 'VAT special invoice', 'primary'],
    ['vat_ordinary', '普票', 'VAT ordinary invoice', 'info'],
  ]),
  type('lead_source', '线索来源', 'Lead source', [
    ['wechat_group', '微信群', 'WeChat group', 'success'],
    ['website', '官网', 'Website', 'primary'],
    ['exhibition', '展会', 'Trade show', 'warning'],
    ['referral', '转介绍', 'Referral', 'success'],
    ['telemarketing', '电话营销', 'Telemarketing', 'info'],
    ['other', '其他', 'Other', 'info'],
  ]),
  type('customer_level', '客户级别', 'Customer level', [
    ['A', 'A级（重点客户）', 'A (key account)', 'danger'],
    ['B', 'B级（普通客户）', 'B (regular)', 'warning'],
    ['C', 'C级（一般客户）', 'C (minor)', 'info'],
  ]),
  type('customer_status', '客户状态', 'Customer status', [
    ['potential', '潜在客户', 'Potential', 'info'],
    ['intention', '意向客户', 'Interested', 'primary'],
    ['deal', '成交客户', 'Won', 'success'],
    ['dormant', '沉睡客户', 'Dormant', 'warning'],
    ['lost', '流失客户', 'Lost', 'danger'],
  ]),
  type('industry', '所属行业', 'Industry', [
    ['it', '信息技术/互联网', 'IT / Internet', 'primary'],
    ['manufacturing', '制造业', 'Manufacturing', 'primary'],
    ['finance', '金融', 'Finance', 'primary'],
    ['retail', '批发零售', 'Wholesale & retail', 'primary'],
    ['construction', '建筑/房地产', 'Construction & real estate', 'primary'],
    ['healthcare', '医疗健康', 'Healthcare', 'primary'],
    ['education', '教育培训', 'Education', 'primary'],
    ['logistics', '交通物流', 'Transport & logistics', 'primary'],
    ['energy', '能源化工', 'Energy & chemicals', 'primary'],
    ['government', '政府/公共事业', 'Government & public sector', 'primary'],
    ['services', '商务服务', 'Business services', 'primary'],
    ['other', '其他', 'Other', 'info'],
  ]),
  type('followup_method', '跟进方式', 'Follow-up method', [
    ['phone', '电话', 'Phone', 'primary'],
    ['visit', '拜访', 'Visit', 'success'],
    ['wechat', '微信', 'WeChat', 'success'],
    ['email', '邮件', 'Email', 'info'],
    ['other', '其他', 'Other', 'info'],
  ]),
  // `outcome` marks the closing stages so services know a stage change closes the opportunity.
  type('opportunity_stage', '商机阶段', 'Opportunity stage', [
    ['initial', '初步接洽', 'Initial contact', 'info', { probability: 10 }],
    ['needs', '需求确认', 'Needs confirmed', 'primary', { probability: 30 }],
    ['proposal', '方案报价', 'Proposal / quote', 'primary', { probability: 60 }],
    ['negotiation', '谈判审核', 'Negotiation', 'warning', { probability: 80 }],
    ['won', '赢单', 'Won', 'success', { probability: 100, outcome: 'won' }],
    ['lost', '输单', 'Lost', 'danger', { probability: 0, outcome: 'lost' }],
  ]),
  type('lost_reason', '输单原因', 'Lost reason', [
    ['price', '价格过高', 'Price too high', 'warning'],
    ['competitor', '选择了竞争对手', 'Chose a competitor', 'danger'],
    ['requirement', '需求不匹配', 'Requirements not met', 'warning'],
    ['budget', '预算不足', 'No budget', 'info'],
    ['postponed', '项目搁置', 'Project postponed', 'info'],
    ['relationship', '关系维护不足', 'Weak relationship', 'info'],
    ['other', '其他', 'Other', 'info'],
  ]),
  type('ticket_type', '工单类型', 'Ticket type', [
    ['consult', '咨询', 'Inquiry', 'primary'],
    ['repair', '报修', 'Repair', 'warning'],
    ['complaint', '投诉', 'Complaint', 'danger'],
    ['suggestion', '建议', 'Suggestion', 'success'],
    ['other', '其他', 'Other', 'info'],
  ]),
  // Default SLA targets; the tickets service reads them so admins can tune SLAs here.
  type('ticket_priority', '工单优先级', 'Ticket priority', [
    ['low', '低', 'Low', 'info', { responseHours: 24, resolveHours: 120 }],
    ['medium', '中', 'Medium', 'primary', { responseHours: 8, resolveHours: 72 }],
    ['high', '高', 'High', 'warning', { responseHours: 4, resolveHours: 24 }],
    ['urgent', '紧急', 'Urgent', 'danger', { responseHours: 1, resolveHours: 8 }],
  ]),
  type('collection_method', '回款方式', 'Collection method', [
    ['cash', '现金', 'Cash', 'success'],
    ['bank_transfer', '银行转账', 'Bank transfer', 'primary'],
    ['acceptance_bill', '承兑汇票', 'Bank acceptance bill', 'warning'],
    ['check', '支票', 'Cheque', 'info'],
    ['online', '在线支付', 'Online payment', 'primary'],
    ['other', '其他', 'Other', 'info'],
  ]),
] as const satisfies readonly DefaultType[]

export type DictTypeCode = (typeof DICT_TYPES)[number]['code']

const CODES: ReadonlySet<string> = new Set(DICT_TYPES.map((t) => t.code))

export function isDictTypeCode(s: unknown): s is DictTypeCode {
  return typeof s === 'string' && CODES.has(s)
}

/** The catalog as stored types (all entries enabled): what data initialisation writes. */
export function defaultDictTypes(): DictType[] {
  return DICT_TYPES.map((t) => ({
    code: t.code,
    name: { ...t.name },
    builtIn: true,
    entries: t.entries.map((e) => ({
      typeCode: t.code,
      value: e.value,
      label: { ...e.label },
      color: e.color,
      sort: e.sort,
      enabled: true,
      extra: 'extra' in e && e.extra ? { ...e.extra } : null,
    })),
  }))
}
