import { EntitySchema } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import { recordColumns, type RecordBase } from '@mosaic/service-kit'

export interface NumberRuleRow extends RecordBase {
  docType: admin.NumberedDocType
  prefix: string
  datePattern: admin.DatePattern
  width: number
  resetPeriod: admin.ResetPeriod
  enabled: boolean
}

export const NumberRuleEntity = new EntitySchema<NumberRuleRow>({
  name: 'NumberRule',
  tableName: 'number_rule',
  columns: {
    ...recordColumns(),
    docType: { type: 'varchar', length: 20, name: 'doc_type' },
    prefix: { type: 'varchar', length: 12 },
    datePattern: { type: 'varchar', length: 10, name: 'date_pattern' },
    width: { type: 'int' },
    resetPeriod: { type: 'varchar', length: 10, name: 'reset_period' },
    enabled: { type: 'boolean' },
  },
})
