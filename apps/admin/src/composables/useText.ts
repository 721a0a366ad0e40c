import { roleText } from '@mosaic/permissions'
import { useText as useRemoteText } from '@mosaic/ui'

type RoleLike = { code: string; name: string; description?: string | null; builtIn?: boolean }

/** The kit's remote texts, plus roles named in the reader's language. */
export function useText() {
  const text = useRemoteText()
  return {
    ...text,
    /** A built-in role's name in the reader's language (by code); a custom role's stored name. */
    roleName: (role: RoleLike) => roleText(role, text.locale.value).name,
    roleDescription: (role: RoleLike) => roleText(role, text.locale.value).description,
  }
}
