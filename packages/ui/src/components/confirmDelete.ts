import { ElMessageBox } from 'element-plus'
import { storedLocale, translateUi, type UiLocale } from '../i18n'

export interface ConfirmDeleteOptions {
  title?: string
  /** Replaces the default "Delete "<name>"? It can be restored…" text, e.g. for a permanent purge. */
  message?: string
  confirmText?: string
  locale?: UiLocale
}

/**
 * Every delete asks first (SPEC §0). Resolves `false` on cancel or close instead of
 * rejecting, so callers write `if (!(await confirmDelete(name))) return`.
 */
export async function confirmDelete(name: string, options: ConfirmDeleteOptions = {}): Promise<boolean> {
  const locale = options.locale ?? storedLocale()
  const tr = (key: string, params?: Record<string, unknown>) => translateUi(key, params, locale)
  try {
    await ElMessageBox.confirm(
      options.message ?? tr('ui.delete.message', { name }),
      options.title ?? tr('ui.delete.title'),
      {
        type: 'warning',
        confirmButtonText: options.confirmText ?? tr('ui.delete.confirm'),
        cancelButtonText: tr('ui.common.cancel'),
        confirmButtonClass: 'el-button--danger',
        customClass: 'mosaic-confirm-delete',
      },
    )
    return true
  } catch {
    return false
  }
}
