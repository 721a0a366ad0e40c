import type { Attachment } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface ProductRow extends RecordBase {
  code: string
  name: string
  categoryId: string | null
  spec: string | null
  unit: string | null
  /** numeric(18,2): read back as text. */
  referencePrice: string
  /** numeric(5,2): read back as text. */
  taxRate: string
  safetyStock: number
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  image: Attachment | null
  remark: string | null
  onSale: boolean
}

export const ProductEntity = recordEntity<ProductRow>('Product', 'product', {
  code: { type: 'varchar', length: 40 },
  name: { type: 'varchar', length: 100 },
  categoryId: { type: 'uuid', name: 'category_id', nullable: true },
  spec: { type: 'varchar', length: 100, nullable: true },
  unit: { type: 'varchar', length: 40, nullable: true },
  referencePrice: { type: 'numeric', precision: 18, scale: 2, name: 'reference_price' },
  taxRate: { type: 'numeric', precision: 5, scale: 2, name: 'tax_rate' },
  safetyStock: { type: 'int', name: 'safety_stock' },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
  ownerName: { type: 'varchar', length: 100, name: 'owner_name', nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  image: { type: 'jsonb', nullable: true },
  remark: { type: 'text', nullable: true },
  onSale: { type: 'boolean', name: 'on_sale' },
})
