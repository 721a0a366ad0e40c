import { useI18n } from 'vue-i18n'
import { pickLabel, type I18nText } from '@mosaic/web-kit'

/** Labels for menu groups/cards; a dead remote has no title of its own, so fall back to known names. */
export function useRemoteLabels() {
  const { t, te, locale } = useI18n()
  const label = (text: I18nText | undefined) => pickLabel(text, String(locale.value))
  const remoteTitle = (name: string, title?: I18nText) => {
    if (title) return label(title)
    const key = `shell.remoteNames.${name}`
    return te(key) ? t(key) : name
  }
  return { t, te, label, remoteTitle, locale }
}
