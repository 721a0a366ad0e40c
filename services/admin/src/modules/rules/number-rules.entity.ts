import type { admin } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface NumberRuleRow extends RecordBase {
  docType: admin.NumberedDocType
  prefix: string
  datePattern: admin.DatePattern
  width: number
  resetPeriod: admin.ResetPeriod
  enabled: boolean
}

export const NumberRuleEntity = recordEntity<NumberRuleRow>('NumberRule', 'number_rule', {
  docType: { type: 'varchar', length: 20, name: 'doc_type' },
  prefix: { type: 'varchar', length: 12 },
  datePattern: { type: 'varchar', length: 10, name: 'date_pattern' },
  width: { type: 'int' },
  resetPeriod: { type: 'varchar', length: 10, name: 'reset_period' },
  enabled: { type: 'boolean' },
})
