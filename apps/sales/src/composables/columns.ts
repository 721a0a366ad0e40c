import { formatDateTime, type ListColumn } from '@mosaic/ui'
import { useText } from './useText'

/** Column definitions several sales lists show the same way (label, kind, formatting). */
export function useSalesColumns() {
  const { t } = useText()

  /** An instant column, formatted in the user's time zone. */
  function dateTime<T>(
    prop: keyof T & string,
    labelKey: string,
    extra: Partial<ListColumn<T>> = {},
  ): ListColumn<T> {
    return {
      prop,
      label: t(labelKey),
      kind: 'datetime',
      formatter: (row) => formatDateTime(row[prop]),
      ...extra,
    }
  }

  return {
    dateTime,
    owner: <T extends { ownerName: string | null }>(): ListColumn<T> => ({
      prop: 'ownerName',
      label: t('sales.common.owner'),
      kind: 'user',
    }),
    nextFollowUp: <T extends { nextFollowUpAt: string | null }>(extra: Partial<ListColumn<T>> = {}) =>
      dateTime<T>('nextFollowUpAt', 'sales.common.nextFollowUpAt', extra),
    createdAt: <T extends { createdAt: string }>() =>
      dateTime<T>('createdAt', 'common.createdAt', { hidden: true }),
  }
}
