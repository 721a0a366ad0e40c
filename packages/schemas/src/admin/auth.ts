import { z } from 'zod'
import { DATA_SCOPES } from '@mosaic/permissions'

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
})
export type LoginRequest = z.infer<typeof LoginRequest>

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  deptId: z.string().nullable(),
  deptName: z.string().nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  dataScope: z.enum(DATA_SCOPES),
})
export type Me = z.infer<typeof Me>

/** Returned by login and refresh; the refresh token itself travels only in an httpOnly cookie. */
export const TokenResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: Me,
})
export type TokenResponse = z.infer<typeof TokenResponse>

export const PASSWORD_MIN = 8
export const Password = z.string().min(PASSWORD_MIN).max(128)

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
})
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>
