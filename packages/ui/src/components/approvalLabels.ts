import type { admin } from '@mosaic/schemas'
import { useUiText } from '../i18n'
import type { TagType } from '../types'

/** `contract-change` → `contractChange`: message keys stay plain identifiers. */
const keyOf = (code: string) => code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())

/** Tag colours of an approval's, a task's and a step's states. */
export const APPROVAL_STATUS_TAGS: Record<admin.ApprovalStatus, TagType> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}
export const TASK_STATUS_TAGS: Record<admin.TaskStatus, TagType> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'info',
}
export const STEP_STATUS_TAGS: Record<string, TagType> = {
  waiting: 'info',
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  skipped: 'info',
}

/** The approval engine's codes in the reader's language (document types, states, history actions). */
export function useApprovalLabels() {
  const { t } = useUiText()
  const of = (group: string) => (code: string) => t(`ui.approval.${group}.${keyOf(code)}`)
  const all = (group: string, codes: readonly string[]) =>
    Object.fromEntries(codes.map((c) => [c, of(group)(c)])) as Record<string, string>
  return {
    t,
    docType: of('docTypes'),
    status: of('statuses'),
    taskStatus: of('taskStatuses'),
    stepStatus: of('stepStatuses'),
    mode: of('modes'),
    action: of('actions'),
    /** `{ code: label }` of a group, for StatusTag and select options. */
    all,
  }
}

/** The step an instance waits at, by name (null once decided). */
export function currentStepName(
  instance: Pick<admin.ApprovalInstance, 'currentStep' | 'steps'>,
): string | null {
  return instance.currentStep === null ? null : (instance.steps[instance.currentStep]?.name ?? null)
}
