import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface DeptRow extends RecordBase {
  name: string
  parentId: string | null
  leaderUserId: string | null
  sort: number
}

export const DeptEntity = recordEntity<DeptRow>('Dept', 'dept', {
  name: { type: 'varchar', length: 64 },
  parentId: { type: 'uuid', name: 'parent_id', nullable: true },
  leaderUserId: { type: 'uuid', name: 'leader_user_id', nullable: true },
  sort: { type: 'int' },
})
