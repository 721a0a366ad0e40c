import { admin, pageOf } from '@mosaic/schemas'
import {
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
} from '@mosaic/service-kit'
import {
  createUser,
  deleteUser,
  listUsers,
  presentUser,
  resetPassword,
  updateUser,
  users,
} from './users.service.js'

export function registerUserRoutes(api: ApiRouter, db: Database) {
  const tags = ['users']
  api.route({
    method: 'get',
    path: '/users',
    summary: 'List users in my data scope',
    tags,
    access: 'admin.user.read',
    query: admin.UserListQuery,
    response: pageOf(admin.User),
    handler: ({ query, principal }) => db.transaction((m) => listUsers(m, principal, query)),
  })
  api.route({
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    tags,
    access: 'admin.user.create',
    body: admin.UserCreate,
    response: admin.User,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentUser(m, await createUser(m, recordContext(principal, requestId), body)),
      ),
  })
  api.route({
    method: 'get',
    path: '/users/:id',
    summary: 'A user',
    tags,
    access: 'admin.user.read',
    params: IdParams,
    response: admin.User,
    handler: ({ params, principal }) =>
      db.transaction(async (m) => presentUser(m, await users.get(m, params.id, recordContext(principal)))),
  })
  api.route({
    method: 'patch',
    path: '/users/:id',
    summary: 'Edit a user (If-Match: version)',
    tags,
    access: 'admin.user.update',
    params: IdParams,
    body: admin.UserUpdate,
    response: admin.User,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) =>
        presentUser(m, await updateUser(m, recordContext(principal, requestId), params.id, version, body)),
      )
    },
  })
  api.route({
    method: 'delete',
    path: '/users/:id',
    summary: 'Move a user to the recycle bin (If-Match: version)',
    tags,
    access: 'admin.user.delete',
    params: IdParams,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction((m) => deleteUser(m, recordContext(principal, requestId), params.id, version))
    },
  })
  api.route({
    method: 'post',
    path: '/users/:id/reset-password',
    summary: 'Set a new password for a user',
    tags,
    access: 'admin.user.reset-password',
    params: IdParams,
    body: admin.ResetPasswordRequest,
    handler: ({ params, body, principal, requestId }) =>
      db.transaction((m) =>
        resetPassword(m, recordContext(principal, requestId), params.id, body.newPassword),
      ),
  })
  registerRecordRoutes(api, {
    path: '/users',
    store: users,
    db,
    tag: 'users',
    present: presentUser,
    access: { read: 'admin.user.read', update: 'admin.user.update', restore: 'admin.recycle.restore' },
  })
}
