import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface I18n {
  zh: string
  en: string
}

export interface DictTypeRow extends RecordBase {
  code: string
  name: I18n
  builtIn: boolean
}

export interface DictEntryRow extends RecordBase {
  typeCode: string
  value: string
  label: I18n
  color: string | null
  sort: number
  enabled: boolean
  extra: Record<string, unknown> | null
  builtIn: boolean
}

export const DictTypeEntity = recordEntity<DictTypeRow>('DictType', 'dict_type', {
  code: { type: 'varchar', length: 40 },
  name: { type: 'jsonb' },
  builtIn: { type: 'boolean', name: 'built_in' },
})

export const DictEntryEntity = recordEntity<DictEntryRow>('DictEntry', 'dict_entry', {
  typeCode: { type: 'varchar', length: 40, name: 'type_code' },
  value: { type: 'varchar', length: 40 },
  label: { type: 'jsonb' },
  color: { type: 'varchar', length: 16, nullable: true },
  sort: { type: 'int' },
  enabled: { type: 'boolean' },
  extra: { type: 'jsonb', nullable: true },
  builtIn: { type: 'boolean', name: 'built_in' },
})
