import { useColumns, useText, type FilterField, type ListColumn } from '@mosaic/ui'
import { searchUsers } from '../api'

/** The dictionaries sales records keep values in: the field holding each, its label, its filter's width. */
export const DICT_FIELDS = {
  customer_status: { prop: 'status', label: 'sales.customer.status', width: 130 },
  customer_level: { prop: 'level', label: 'sales.customer.level', width: 150 },
  industry: { prop: 'industry', label: 'sales.common.industry', width: 150 },
  lead_source: { prop: 'source', label: 'sales.common.source', width: 130 },
  followup_method: { prop: 'method', label: 'sales.followup.method', width: 120 },
  opportunity_stage: { prop: 'stage', label: 'sales.opportunity.stage', width: 130 },
} as const
export type SalesDict = keyof typeof DICT_FIELDS

/** The kit's common columns, plus the next follow-up and the dictionary fields several sales lists show. */
export function useSalesColumns() {
  const col = useColumns()
  const { t } = useText()
  return {
    ...col,
    nextFollowUp: <T extends { nextFollowUpAt: string | null }>(extra: Partial<ListColumn<T>> = {}) =>
      col.dateTime<T>('nextFollowUpAt', 'sales.common.nextFollowUpAt', extra),
    /** A dictionary field as a tag column. */
    dict: <T>(type: SalesDict, extra: Partial<ListColumn<T>> = {}): ListColumn<T> => {
      const { prop, label } = DICT_FIELDS[type]
      return { prop, kind: 'status', label: t(label), dict: type, ...extra }
    },
  }
}

/** The filters sales lists share: a dictionary field, the owner, the creation days. */
export function useSalesFilters() {
  const { t } = useText()
  return {
    dict: (type: SalesDict): FilterField => {
      const { prop, label, width } = DICT_FIELDS[type]
      return { kind: 'dict', prop, type, label: t(label), width }
    },
    owner: (): FilterField => ({ kind: 'owner', prop: 'ownerId', search: searchUsers }),
    created: (): FilterField => ({
      kind: 'dateRange',
      prop: 'created',
      label: t('common.createdAt'),
      range: { from: 'createdFrom', to: 'createdTo' },
    }),
  }
}
