import type { admin } from '@mosaic/schemas'
import { formatMoney } from '@mosaic/ui'

type T = (key: string, params?: Record<string, unknown>) => string

/**
 * A step in words, e.g. "部门负责人 · 任一人" or "超级管理员 · 所有人 · 金额 > ¥1,000,000.00".
 * `roleName` names a role in the reader's language when the role list has it.
 */
export function stepWords(
  step: Pick<admin.ApprovalStep, 'approverKind' | 'approverId' | 'approverName' | 'mode' | 'amountAbove'>,
  t: T,
  roleName: (id: string) => string | undefined = () => undefined,
): string {
  const who =
    step.approverKind === 'dept-head'
      ? t('admin.approvalFlows.kinds.dept-head')
      : ((step.approverKind === 'role' && step.approverId ? roleName(step.approverId) : undefined) ??
        step.approverName ??
        t(`admin.approvalFlows.kinds.${step.approverKind}`))
  const parts = [who, t(`admin.approvalFlows.modes.${step.mode}`)]
  if (step.amountAbove) parts.push(t('admin.approvalFlows.above', { amount: formatMoney(step.amountAbove) }))
  return parts.join(' · ')
}
