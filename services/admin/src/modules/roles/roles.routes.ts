import { admin } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { createRole, deleteRole, listRoles, presentRole, roles, updateRole } from './roles.service.js'

export function registerRoleRoutes(api: ApiRouter, db: Database) {
  registerAggregate(api, {
    resource: 'admin.role',
    path: '/roles',
    db,
    store: roles,
    response: admin.Role,
    present: (_m, row) => presentRole(row),
    list: {
      summary: 'List roles',
      query: admin.RoleListQuery,
      run: (m, _ctx, query) => listRoles(m, query),
    },
    create: { summary: 'Create a role', body: admin.RoleCreate, run: createRole },
    update: { body: admin.RoleUpdate, apply: updateRole },
    remove: deleteRole,
  })
}
