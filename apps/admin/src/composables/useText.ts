import { useI18n } from 'vue-i18n'
import { pickLabel, useLocale } from '@mosaic/web-kit'
import { messageOf } from '@mosaic/web-kit'
import { roleText } from '@mosaic/permissions'

type RoleLike = { code: string; name: string; description?: string | null; builtIn?: boolean }

/**
 * Pages use the page's one i18n (the shell's, or the standalone bootstrap's); `label`
 * picks the locale's side of `{ zh, en }` texts from the server and the permission catalog.
 */
export function useText() {
  const { t } = useI18n()
  const { locale } = useLocale()
  return {
    t,
    locale,
    label: (text: { zh: string; en: string } | null | undefined) => pickLabel(text, locale.value),
    errorText: (err: unknown) => messageOf(err, t),
    /** A built-in role's name in the reader's language (by code); a custom role's stored name. */
    roleName: (role: RoleLike) => roleText(role, locale.value).name,
    roleDescription: (role: RoleLike) => roleText(role, locale.value).description,
  }
}
