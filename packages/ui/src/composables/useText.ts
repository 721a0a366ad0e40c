import { useI18n } from 'vue-i18n'
import { messageOf, pickLabel, useLocale } from '@mosaic/web-kit'

/**
 * A remote's texts: the page's one i18n (the shell's, or the standalone bootstrap's) holding the
 * remote's own messages; `label` picks the locale's side of `{ zh, en }` texts from the server
 * and the permission catalog; `errorText` an error in the reader's language.
 */
export function useText() {
  const { t } = useI18n()
  const { locale } = useLocale()
  return {
    t,
    locale,
    label: (text: { zh: string; en: string } | null | undefined) => pickLabel(text, locale.value),
    errorText: (err: unknown) => messageOf(err, t),
  }
}
