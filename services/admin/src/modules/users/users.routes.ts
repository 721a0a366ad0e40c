import { admin } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
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
  registerAggregate(api, {
    resource: 'admin.user',
    path: '/users',
    db,
    store: users,
    response: admin.User,
    present: presentUser,
    list: {
      summary: 'List users in my data scope',
      query: admin.UserListQuery,
      run: (m, ctx, query) => listUsers(m, ctx.principal, query),
    },
    create: { summary: 'Create a user', body: admin.UserCreate, run: createUser },
    update: { body: admin.UserUpdate, apply: updateUser },
    remove: deleteUser,
    bulk: { edit: admin.UserBulkEdit },
    commands: {
      ':id/reset-password': {
        summary: 'Set a new password for a user',
        access: 'reset-password',
        body: admin.ResetPasswordRequest,
        status: 201,
        run: (m, ctx, { body, params }) => resetPassword(m, ctx, params.id!, body.newPassword),
      },
      ':id/unlock': {
        summary: 'Lift a lockout after too many failed sign-ins',
        access: 'lock',
        response: admin.User,
        run: async (m, ctx, { params }) => presentUser(m, await unlockUser(m, ctx, params.id!)),
      },
    },
  })
}
