import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import { recordContext, registerRecordRoutes, type ApiRouter, type Database } from '@mosaic/service-kit'
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

const CodeParams = z.object({ code: z.string().max(40) })

export function registerDictionaryRoutes(api: ApiRouter, db: Database) {
  const tags = ['dictionaries']
  api.route({
    method: 'get',
    path: '/dictionaries',
    summary: 'All dictionary types with their entries',
    tags,
    access: 'authenticated',
    response: admin.DictionariesResponse,
    handler: async () => ({ types: await db.transaction(listDictionaries) }),
  })
  api.route({
    method: 'post',
    path: '/dictionaries',
    summary: 'Create a dictionary type',
    tags,
    access: 'admin.dict.create',
    body: admin.DictTypeCreate,
    response: admin.DictType,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentType(await createType(m, recordContext(principal, requestId), body), []),
      ),
  })
  api.route({
    method: 'patch',
    path: '/dictionaries/:code',
    summary: 'Rename a dictionary type (If-Match)',
    tags,
    access: 'admin.dict.update',
    params: CodeParams,
    body: admin.DictTypeUpdate,
    response: admin.DictType,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) => {
        const type = await typeByCode(m, params.code)
        const saved = await dictTypes.update(m, recordContext(principal, requestId), type.id, version, body)
        return presentTypeWithEntries(m, saved)
      })
    },
  })
  api.route({
    method: 'delete',
    path: '/dictionaries/:code',
    summary: 'Delete a custom dictionary type with no entries',
    tags,
    access: 'admin.dict.delete',
    params: CodeParams,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction((m) => deleteType(m, recordContext(principal, requestId), params.code, version))
    },
  })
  api.route({
    method: 'post',
    path: '/dictionaries/:code/entries',
    summary: 'Add an entry',
    tags,
    access: 'admin.dict.create',
    params: CodeParams,
    body: admin.DictEntryCreate,
    response: admin.DictEntry,
    handler: ({ params, body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentEntry(await createEntry(m, recordContext(principal, requestId), params.code, body)),
      ),
  })
  // Entries by id — read, edit, delete, history, restore — like every other record; the type
  // code in the path must match the entry's.
  registerRecordRoutes(api, {
    path: '/dictionaries/:code/entries',
    store: dictEntries,
    db,
    tag: 'dictionaries',
    present: async (_m, row) => presentEntry(row),
    response: admin.DictEntry,
    update: {
      body: admin.DictEntryUpdate,
      apply: (m, ctx, id, version, body, p) => updateEntry(m, ctx, p.code!, id, version, body),
    },
    remove: (m, ctx, id, version, p) => deleteEntry(m, ctx, p.code!, id, version),
    parent: { param: 'code', matches: (entry, code) => entry.typeCode === code },
    access: {
      read: 'admin.dict.read',
      update: 'admin.dict.update',
      delete: 'admin.dict.delete',
      restore: 'admin.recycle.restore',
    },
  })
}
