import { sales } from '@mosaic/schemas'
import {
  existingMatches,
  parseOrThrow,
  type DomainDeps,
  type ExchangeSpec,
  type ImportValues,
} from '@mosaic/service-kit'
import type { LeadRow } from './leads.entity.js'
import { createLead, deleteLead, listLeads, updateLead } from './leads.service.js'
import { leads } from './leads.store.js'

const LEAD_KEYS = [
  'name',
  'contactName',
  'phone',
  'email',
  'source',
  'industry',
  'address',
  'remark',
  'nextFollowUpAt',
] as const

const pick = (values: ImportValues, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]))

const leadCreate = (v: ImportValues) => parseOrThrow(sales.LeadCreate, pick(v, [...LEAD_KEYS, 'ownerId']))
/** Owner and stage change through their own actions (assign, advance), not an import. */
const leadUpdate = (v: ImportValues) => parseOrThrow(sales.LeadUpdate, pick(v, LEAD_KEYS))

const label = (zh: string, en: string) => ({ zh, en })

/** Leads: business key = the lead's name within my scope (another rep's lead of that name is not mine to update). */
export function leadExchange(deps: DomainDeps): ExchangeSpec<LeadRow, sales.LeadListQuery> {
  return {
    resource: 'sales.lead',
    path: '/leads',
    title: label('线索', 'Leads'),
    store: leads,
    listQuery: sales.LeadListQuery,
    fields: [
      { key: 'number', label: label('线索编号', 'Number'), kind: 'text', readOnly: true },
      {
        key: 'name',
        label: label('线索名称', 'Name'),
        kind: 'text',
        required: true,
        businessKey: true,
        maxLength: 100,
      },
      { key: 'contactName', label: label('联系人', 'Contact'), kind: 'text', maxLength: 60 },
      { key: 'phone', label: label('电话', 'Phone'), kind: 'text', maxLength: 30 },
      { key: 'email', label: label('邮箱', 'Email'), kind: 'text', maxLength: 120 },
      { key: 'source', label: label('线索来源', 'Source'), kind: 'dict', dict: 'lead_source' },
      { key: 'industry', label: label('所属行业', 'Industry'), kind: 'dict', dict: 'industry' },
      { key: 'ownerId', label: label('负责人', 'Owner'), kind: 'user' },
      { key: 'address', label: label('地址', 'Address'), kind: 'text', maxLength: 200 },
      { key: 'nextFollowUpAt', label: label('下次跟进时间', 'Next follow-up'), kind: 'datetime' },
      { key: 'remark', label: label('备注', 'Remark'), kind: 'text', maxLength: 2000 },
      { key: 'status', label: label('状态', 'Status'), kind: 'text', readOnly: true },
      { key: 'createdAt', label: label('创建时间', 'Created'), kind: 'datetime', readOnly: true },
    ],
    list: (m, ctx, query) => listLeads(m, ctx.principal, query),
    async findExisting(m, ctx, keys) {
      const rows = await leads
        .repo(m)
        .createQueryBuilder('l')
        .where('l.deleted_at IS NULL')
        .andWhere('lower(l.name) IN (:...names)', { names: keys.map((k) => k[0]!) })
        .getMany()
      return existingMatches(m, ctx, leads, rows, { keys, keyOf: (l) => [l.name], outside: 'ignore' })
    },
    check: (v, mode) => void (mode === 'create' ? leadCreate(v) : leadUpdate(v)),
    create: (m, ctx, v) => createLead(m, ctx, deps, leadCreate(v)),
    update: (m, ctx, id, version, v) => updateLead(m, ctx, deps, id, version, leadUpdate(v)),
    remove: deleteLead,
  }
}
