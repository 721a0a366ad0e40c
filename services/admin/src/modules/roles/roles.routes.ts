import { admin, pageOf } from '@mosaic/schemas'
import {
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
} from '@mosaic/service-kit'
import { createRole, deleteRole, listRoles, presentRole, roles, updateRole } from './roles.service.js'

export function registerRoleRoutes(api: ApiRouter, db: Database) {
  const tags = ['roles']
  api.route({
    method: 'get',
    path: '/roles',
    summary: 'List roles',
    tags,
    access: 'admin.role.read',
    query: admin.RoleListQuery,
    response: pageOf(admin.Role),
    handler: ({ query }) => db.transaction((m) => listRoles(m, query)),
  })
  api.route({
    method: 'post',
    path: '/roles',
    summary: 'Create a role',
    tags,
    access: 'admin.role.create',
    body: admin.RoleCreate,
    response: admin.Role,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentRole(await createRole(m, recordContext(principal, requestId), body)),
      ),
  })
  api.route({
    method: 'get',
    path: '/roles/:id',
    summary: 'A role',
    tags,
    access: 'admin.role.read',
    params: IdParams,
    response: admin.Role,
    handler: ({ params }) => db.transaction(async (m) => presentRole(await roles.get(m, params.id))),
  })
  api.route({
    method: 'patch',
    path: '/roles/:id',
    summary: 'Edit a role (If-Match: version)',
    tags,
    access: 'admin.role.update',
    params: IdParams,
    body: admin.RoleUpdate,
    response: admin.Role,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) =>
        presentRole(await updateRole(m, recordContext(principal, requestId), params.id, version, body)),
      )
    },
  })
  api.route({
    method: 'delete',
    path: '/roles/:id',
    summary: 'Move a role to the recycle bin',
    tags,
    access: 'admin.role.delete',
    params: IdParams,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction((m) => deleteRole(m, recordContext(principal, requestId), params.id, version))
    },
  })
  registerRecordRoutes(api, {
    path: '/roles',
    store: roles,
    db,
    tag: 'roles',
    present: async (_m, row) => presentRole(row),
    access: { read: 'admin.role.read', update: 'admin.role.update', restore: 'admin.recycle.restore' },
  })
}
