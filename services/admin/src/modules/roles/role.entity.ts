import { recordEntity, type RecordBase } from '@mosaic/service-kit'
import type { DataScope } from '@mosaic/permissions'

export interface RoleRow extends RecordBase {
  code: string
  name: string
  description: string | null
  permissions: string[]
  dataScope: DataScope
  builtIn: boolean
}

export const RoleEntity = recordEntity<RoleRow>('Role', 'role', {
  code: { type: 'varchar', length: 32 },
  name: { type: 'varchar', length: 64 },
  description: { type: 'text', nullable: true },
  permissions: { type: 'jsonb' },
  dataScope: { type: 'varchar', length: 24, name: 'data_scope' },
  builtIn: { type: 'boolean', name: 'built_in' },
})
