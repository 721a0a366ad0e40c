import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm'
import { RECORD_META_FIELDS } from '@mosaic/schemas'

/** Columns every business record has. Explicit types: esbuild/tsx emit no decorator metadata. */
export function recordColumns(): Record<string, EntitySchemaColumnOptions> {
  return {
    id: { type: 'uuid', primary: true },
    version: { type: 'int' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    createdBy: { type: 'uuid', name: 'created_by', nullable: true },
    updatedBy: { type: 'uuid', name: 'updated_by', nullable: true },
    deletedAt: { type: 'timestamptz', name: 'deleted_at', nullable: true },
    deletedBy: { type: 'uuid', name: 'deleted_by', nullable: true },
  }
}

export interface RecordBase {
  id: string
  version: number
  createdAt: Date
  updatedAt: Date
  createdBy: string | null
  updatedBy: string | null
  deletedAt: Date | null
  deletedBy: string | null
}

/** A column, with its explicit type, for every field a record adds to `RecordBase`. */
export type RecordEntityColumns<Row extends RecordBase> = {
  [Field in Exclude<keyof Row, keyof RecordBase>]-?: EntitySchemaColumnOptions
}

/**
 * The entity of a business record: `recordColumns()` first, then the record's own columns, so
 * every record entity has the same header and TypeORM sees the same schema it always did.
 */
export function recordEntity<Row extends RecordBase>(
  name: string,
  tableName: string,
  columns: RecordEntityColumns<Row>,
): EntitySchema<Row> {
  return new EntitySchema<Row>({ name, tableName, columns: { ...recordColumns(), ...columns } })
}

export const META_FIELDS = RECORD_META_FIELDS

/** SQL for the same columns, for migrations. */
export const RECORD_COLUMNS_SQL = `
  id uuid PRIMARY KEY,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NULL,
  updated_by uuid NULL,
  deleted_at timestamptz NULL,
  deleted_by uuid NULL`
