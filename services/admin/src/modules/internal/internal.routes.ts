import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import type { ApiRouter, Database } from '@mosaic/service-kit'
import { listDictionaries } from '../dictionaries/dictionaries.service.js'
import { directorySnapshot } from './snapshot.js'

/**
 * What other services read from admin directly (service tokens only): the live dictionaries
 * for membership checks, and a snapshot to seed a new service's replicas before events flow.
 */
export function registerInternalRoutes(internal: ApiRouter, db: Database): void {
  internal.route({
    method: 'get',
    path: '/dictionaries',
    summary: 'Every dictionary type with all its entries',
    tags: ['internal'],
    access: 'service',
    response: admin.DictionariesResponse,
    handler: async () => ({ types: await listDictionaries(db.dataSource.manager) }),
  })
  internal.route({
    method: 'get',
    path: '/snapshot',
    summary: 'Users and rules, for seeding replicas',
    tags: ['internal'],
    access: 'service',
    response: z.unknown(),
    // The one route-level transaction left: users, departments and rules must be one state of the
    // database, since the replicas apply the change events that follow it by version.
    handler: () => db.transaction((m) => directorySnapshot(m)),
  })
}
