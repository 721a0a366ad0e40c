import type { admin } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface ClosureRuleRow extends RecordBase {
  docType: admin.ClosableDocType
  requiredFields: string[]
  lockOnClose: boolean
  reopenRoles: string[]
  reopenWithinDays: number | null
  modifyClosedRoles: string[]
  approvalRequired: boolean
  enabled: boolean
}

export const ClosureRuleEntity = recordEntity<ClosureRuleRow>('ClosureRule', 'closure_rule', {
  docType: { type: 'varchar', length: 20, name: 'doc_type' },
  requiredFields: { type: 'jsonb', name: 'required_fields' },
  lockOnClose: { type: 'boolean', name: 'lock_on_close' },
  reopenRoles: { type: 'jsonb', name: 'reopen_roles' },
  reopenWithinDays: { type: 'int', name: 'reopen_within_days', nullable: true },
  modifyClosedRoles: { type: 'jsonb', name: 'modify_closed_roles' },
  approvalRequired: { type: 'boolean', name: 'approval_required' },
  enabled: { type: 'boolean' },
})
