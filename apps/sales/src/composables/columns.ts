import { useColumns, type ListColumn } from '@mosaic/ui'

/** The kit's common columns, plus the next follow-up several sales lists show. */
export function useSalesColumns() {
  const col = useColumns()
  return {
    ...col,
    nextFollowUp: <T extends { nextFollowUpAt: string | null }>(extra: Partial<ListColumn<T>> = {}) =>
      col.dateTime<T>('nextFollowUpAt', 'sales.common.nextFollowUpAt', extra),
  }
}
