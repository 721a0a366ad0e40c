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
  unlockUser,
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
  api.route({
    method: 'post',
    path: '/users/:id/unlock',
    summary: 'Lift a lockout after too many failed sign-ins',
    tags,
    access: 'admin.user.lock',
    params: IdParams,
    response: admin.User,
    status: 200,
    handler: ({ params, principal, requestId }) =>
      db.transaction(async (m) =>
        presentUser(m, await unlockUser(m, recordContext(principal, requestId), params.id)),
      ),
  })
  registerRecordRoutes(api, {
    path: '/users',
    store: users,
    db,
    tag: 'users',
    present: presentUser,
    response: admin.User,
    update: { body: admin.UserUpdate, apply: updateUser },
    remove: deleteUser,
    access: {
      read: 'admin.user.read',
      update: 'admin.user.update',
      delete: 'admin.user.delete',
      restore: 'admin.recycle.restore',
    },
  })
}
