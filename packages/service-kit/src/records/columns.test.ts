import { describe, expect, it } from 'vitest'
import { EntitySchema } from 'typeorm'
import { recordColumns, recordEntity, type RecordBase } from './columns.js'

interface NoteRow extends RecordBase {
  title: string
  ownerId: string | null
}

const noteColumns = {
  title: { type: 'varchar', length: 100 },
  ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
} as const

describe('recordEntity', () => {
  it('declares the same entity as the record columns spread by hand, in the same order', () => {
    const byHand = new EntitySchema<NoteRow>({
      name: 'Note',
      tableName: 'note',
      columns: { ...recordColumns(), ...noteColumns },
    })
    const declared = recordEntity<NoteRow>('Note', 'note', noteColumns)
    expect(declared.options).toEqual(byHand.options)
    expect(Object.keys(declared.options.columns)).toEqual(Object.keys(byHand.options.columns))
  })
})
