import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import {
  IdParams,
  addTeamMember,
  findUser,
  listTeam,
  registerAggregate,
  removeTeamMember,
  updateTeamMember,
  validationFailed,
  type ApiRouter,
  type Database,
  type RecordBase,
  type RecordStore,
  fieldError,
} from '@mosaic/service-kit'

const MemberParams = IdParams.extend({ userId: z.uuid() })

/**
 * Team members (协作人) of one record type under `<path>/:id/team`. Anyone who sees the record sees
 * its team; changing it is the owner's (data scope) act, audited on the record.
 */
export function registerTeamRoutes<T extends RecordBase>(
  api: ApiRouter,
  db: Database,
  path: string,
  store: RecordStore<T>,
) {
  const noun = store.entityType
  registerAggregate(api, {
    resource: 'sales.team',
    path: `${path}/:id/team`,
    tag: 'team',
    db,
    list: {
      summary: `Team members of a ${noun}`,
      params: IdParams,
      response: z.array(sales.TeamMember),
      run: (m, ctx, _query, params) => listTeam(m, store, params.id!, ctx),
    },
    commands: {
      add: {
        path: '',
        summary: `Share a ${noun} with a user (read or write)`,
        access: 'create',
        body: sales.TeamMemberAdd,
        response: sales.TeamMember,
        status: 201,
        run: async (m, ctx, { body, params }) => {
          const user = await findUser(m, body.userId)
          if (!user || !user.enabled)
            throw validationFailed([
              fieldError('userId', user ? 'sales.user.disabled' : 'sales.user.unknown'),
            ])
          const member = { userId: user.id, userName: user.displayName, access: body.access }
          return addTeamMember(m, ctx, store, params.id!, member)
        },
      },
      update: {
        path: ':userId',
        method: 'patch',
        summary: `Change a team member's access to a ${noun}`,
        access: 'update',
        params: MemberParams,
        body: sales.TeamMemberUpdate,
        response: sales.TeamMember,
        run: (m, ctx, { body, params }) =>
          updateTeamMember(m, ctx, store, params.id!, params.userId!, body.access),
      },
      remove: {
        path: ':userId',
        method: 'delete',
        summary: `Remove a team member from a ${noun}`,
        access: 'delete',
        params: MemberParams,
        run: (m, ctx, { params }) => removeTeamMember(m, ctx, store, params.id!, params.userId!),
      },
    },
  })
}
