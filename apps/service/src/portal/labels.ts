import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { entryLabel, findEntry, defaultDictTypes, type DictEntry } from '@mosaic/dictionary'
import { formatDateTime, formatMoney } from '@mosaic/ui'
import { messageOf } from '@mosaic/web-kit'

/**
 * The portal reads the built-in dictionary labels (`@mosaic/dictionary`'s catalog), not the admin
 * service's: a portal token may not read admin dictionaries. An entry an admin added later shows its
 * value; relabelled built-in entries show the built-in label (decision 99).
 */
const BUILT_IN = defaultDictTypes()

export type PortalDict =
  'ticket_type' | 'ticket_priority' | 'courier_company' | 'payment_method' | 'invoice_type'

export function dictEntries(type: PortalDict): DictEntry[] {
  return (BUILT_IN.find((t) => t.code === type)?.entries ?? []).filter((e) => e.enabled !== false)
}

/** The portal's texts and formats in the page's current language. */
export function usePortalText() {
  const { t, te, locale } = useI18n()
  const lang = computed(() => String(locale.value))
  const dict = (type: PortalDict, value: string | null | undefined) => {
    if (!value) return ''
    const entry = findEntry(BUILT_IN, type, value)
    return entry ? entryLabel(entry, lang.value) : value
  }
  return {
    t: (key: string, params?: Record<string, unknown>) =>
      params ? t(`portal.${key}`, params) : t(`portal.${key}`),
    dict,
    locale: lang,
    money: (v: string | null | undefined) => formatMoney(v),
    dateTime: (v: string | null | undefined) => (v ? formatDateTime(v) : ''),
    /** A status's text, or the code itself when a newer service sends one this page has no words for. */
    known: (key: string, code: string) => (te(`portal.${key}`) ? t(`portal.${key}`) : code),
    /** A failed call in words: the problem's code in this language, else the status's text. */
    failure: (error: unknown) => messageOf(error, t),
  }
}

/** Element Plus tag colours per ticket status. */
export const STATUS_TAGS: Record<string, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  new: 'primary',
  assigned: 'primary',
  in_progress: 'warning',
  waiting_customer: 'danger',
  resolved: 'success',
  closed: 'info',
  reopened: 'warning',
}
