import { formatDateTime, formatMoney } from '../format'
import { useUiText } from '../i18n'
import type { ListColumn } from '../types'
import { useText } from './useText'

/** Column definitions lists show the same way (label, kind, formatting). */
export function useColumns() {
  const { t } = useText()
  const ui = useUiText()

  /** An instant column, formatted in the user's time zone; `labelKey` is the remote's message. */
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

  /** A decimal-string amount, right-aligned as money and shown with its currency sign and grouping. */
  function money<T>(
    prop: keyof T & string,
    labelKey: string,
    extra: Partial<ListColumn<T>> = {},
  ): ListColumn<T> {
    return {
      prop,
      label: t(labelKey),
      kind: 'money',
      formatter: (row) => formatMoney(row[prop] as string | null),
      ...extra,
    }
  }

  return {
    dateTime,
    money,
    owner: <T extends { ownerName: string | null }>(): ListColumn<T> => ({
      prop: 'ownerName',
      label: ui.t('ui.fields.owner'),
      kind: 'user',
    }),
    createdAt: <T extends { createdAt: string }>() =>
      dateTime<T>('createdAt', 'common.createdAt', { hidden: true }),
    /** An on/off flag as a green or grey tag (`on`/`off` the remote's words, else enabled/disabled). */
    enabled: <T extends { enabled: boolean }>(
      label: string,
      words: { on: string; off: string } = { on: ui.t('ui.common.enabled'), off: ui.t('ui.common.disabled') },
    ): ListColumn<T> => ({
      prop: 'enabled',
      label,
      kind: 'status',
      tags: { types: { true: 'success', false: 'info' }, labels: { true: words.on, false: words.off } },
    }),
  }
}
