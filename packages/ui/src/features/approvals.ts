import { ElMessageBox } from 'element-plus'
import type { admin } from '@mosaic/schemas'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import { storedLocale, translateUi, type UiLocale } from '../i18n'

const call = contractCaller(api)

/**
 * Asks the submitter before withdrawing a pending submission, then withdraws it. Resolves to the
 * withdrawn instance, or null when they cancelled; a refusal of the service is thrown.
 */
export async function withdrawApproval(
  instance: Pick<admin.ApprovalInstance, 'id' | 'docNumber' | 'docTitle'>,
  locale: UiLocale = storedLocale(),
): Promise<admin.ApprovalInstance | null> {
  const tr = (key: string, params?: Record<string, unknown>) => translateUi(key, params, locale)
  try {
    await ElMessageBox.confirm(
      tr('ui.approval.withdrawMessage', { name: `${instance.docNumber} ${instance.docTitle}`.trim() }),
      tr('ui.approval.withdrawTitle'),
      {
        type: 'warning',
        confirmButtonText: tr('ui.approval.withdraw'),
        cancelButtonText: tr('ui.common.cancel'),
        customClass: 'mosaic-confirm-withdraw',
      },
    )
  } catch {
    return null
  }
  return call(adminRoutes.withdrawApproval, { params: { id: instance.id }, body: {} })
}

/** Every submission of one document, newest first. */
export function documentApprovals(docType: admin.ApprovalDocType, docId: string) {
  return call(adminRoutes.documentApprovals, { query: { docType, docId } })
}
