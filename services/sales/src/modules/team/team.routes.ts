import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import {
  IdParams,
  addTeamMember,
  findUser,
  listTeam,
  recordContext,
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
  const tags = ['team']
  const noun = store.entityType
  api.route({
    method: 'get',
    path: `${path}/:id/team`,
    summary: `Team members of a ${noun}`,
    tags,
    access: 'sales.team.read',
    params: IdParams,
    response: z.array(sales.TeamMember),
    handler: ({ params, principal, requestId }) =>
      db.transaction((m) => listTeam(m, store, params.id, recordContext(principal, requestId))),
  })
  api.route({
    method: 'post',
    path: `${path}/:id/team`,
    summary: `Share a ${noun} with a user (read or write)`,
    tags,
    access: 'sales.team.create',
    params: IdParams,
    body: sales.TeamMemberAdd,
    response: sales.TeamMember,
    handler: ({ params, body, principal, requestId }) =>
      db.transaction(async (m) => {
        const user = await findUser(m, body.userId)
        if (!user || !user.enabled)
          throw validationFailed([fieldError('userId', user ? 'sales.user.disabled' : 'sales.user.unknown')])
        return addTeamMember(m, recordContext(principal, requestId), store, params.id, {
          userId: user.id,
          userName: user.displayName,
          access: body.access,
        })
      }),
  })
  api.route({
    method: 'patch',
    path: `${path}/:id/team/:userId`,
    summary: `Change a team member's access to a ${noun}`,
    tags,
    access: 'sales.team.update',
    params: MemberParams,
    body: sales.TeamMemberUpdate,
    response: sales.TeamMember,
    handler: ({ params, body, principal, requestId }) =>
      db.transaction((m) =>
        updateTeamMember(
          m,
          recordContext(principal, requestId),
          store,
          params.id,
          params.userId,
          body.access,
        ),
      ),
  })
  api.route({
    method: 'delete',
    path: `${path}/:id/team/:userId`,
    summary: `Remove a team member from a ${noun}`,
    tags,
    access: 'sales.team.delete',
    params: MemberParams,
    handler: ({ params, principal, requestId }) =>
      db.transaction((m) =>
        removeTeamMember(m, recordContext(principal, requestId), store, params.id, params.userId),
      ),
  })
}
