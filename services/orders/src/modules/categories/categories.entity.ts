import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface CategoryRow extends RecordBase {
  name: string
  parentId: string | null
  sort: number
}

export const CategoryEntity = recordEntity<CategoryRow>('ProductCategory', 'product_category', {
  name: { type: 'varchar', length: 60 },
  parentId: { type: 'uuid', name: 'parent_id', nullable: true },
  sort: { type: 'int' },
})
