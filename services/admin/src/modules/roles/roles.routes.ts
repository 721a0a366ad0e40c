import { admin, pageOf } from '@mosaic/schemas'
import { recordContext, registerRecordRoutes, type ApiRouter, type Database } from '@mosaic/service-kit'
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
  registerRecordRoutes(api, {
    path: '/roles',
    store: roles,
    db,
    tag: 'roles',
    present: async (_m, row) => presentRole(row),
    response: admin.Role,
    update: { body: admin.RoleUpdate, apply: updateRole },
    remove: deleteRole,
    access: {
      read: 'admin.role.read',
      update: 'admin.role.update',
      delete: 'admin.role.delete',
      restore: 'admin.recycle.restore',
    },
  })
}
