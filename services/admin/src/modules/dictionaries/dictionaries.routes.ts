import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import {
  createEntry,
  createType,
  deleteEntry,
  deleteType,
  dictEntries,
  dictTypes,
  listDictionaries,
  presentEntry,
  presentType,
  presentTypeWithEntries,
  typeByCode,
  updateEntry,
} from './dictionaries.service.js'

import type { DictTypeRow } from './dictionary.entity.js'

const CodeParams = z.object({ code: z.string().max(40) })

export function registerDictionaryRoutes(api: ApiRouter, db: Database) {
  const dictionaries = { resource: 'admin.dict', db } as const
  registerAggregate(api, {
    ...dictionaries,
    path: '/dictionaries',
    response: admin.DictType,
    present: (_m, row: DictTypeRow) => presentType(row, []),
    list: {
      summary: 'All dictionary types with their entries',
      response: admin.DictionariesResponse,
      run: async (m) => ({ types: await listDictionaries(m) }),
    },
    access: { read: 'authenticated' },
    create: {
      summary: 'Create a dictionary type',
      body: admin.DictTypeCreate,
      run: (m, ctx, body) => createType(m, ctx, body),
    },
    commands: {
      rename: {
        path: ':code',
        method: 'patch',
        summary: 'Rename a dictionary type (If-Match)',
        access: 'update',
        params: CodeParams,
        body: admin.DictTypeUpdate,
        response: admin.DictType,
        ifMatch: true,
        run: async (m, ctx, { body, params, version }) => {
          const type = await typeByCode(m, params.code!)
          return presentTypeWithEntries(m, await dictTypes.update(m, ctx, type.id, version, body))
        },
      },
      remove: {
        path: ':code',
        method: 'delete',
        summary: 'Delete a custom dictionary type with no entries',
        access: 'delete',
        params: CodeParams,
        ifMatch: true,
        run: (m, ctx, { params, version }) => deleteType(m, ctx, params.code!, version),
      },
    },
  })
  // Entries by id — read, edit, delete, history, restore — like every other record; the type
  // code in the path must match the entry's.
  registerAggregate(api, {
    ...dictionaries,
    path: '/dictionaries/:code/entries',
    store: dictEntries,
    response: admin.DictEntry,
    present: (_m, row) => presentEntry(row),
    create: {
      summary: 'Add an entry',
      params: CodeParams,
      body: admin.DictEntryCreate,
      run: (m, ctx, body, params) => createEntry(m, ctx, params.code!, body),
    },
    update: {
      body: admin.DictEntryUpdate,
      apply: (m, ctx, id, version, body, p) => updateEntry(m, ctx, p.code!, id, version, body),
    },
    remove: (m, ctx, id, version, p) => deleteEntry(m, ctx, p.code!, id, version),
    parent: { param: 'code', matches: (entry, code) => entry.typeCode === code },
  })
}
