import { z } from 'zod'
import { Id } from '../common.js'

export const TEAM_ACCESS = ['read', 'write'] as const
export const TeamAccess = z.enum(TEAM_ACCESS)
export type TeamAccess = z.infer<typeof TeamAccess>

/** A team member (协作人): someone the record is shared with. */
export const TeamMember = z.object({
  userId: Id,
  userName: z.string(),
  access: TeamAccess,
  addedAt: z.string(),
  addedBy: z.string().nullable(),
})
export type TeamMember = z.infer<typeof TeamMember>

export const TeamMemberAdd = z.strictObject({ userId: Id, access: TeamAccess })
export const TeamMemberUpdate = z.strictObject({ access: TeamAccess })
