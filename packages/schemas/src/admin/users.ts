import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { Password } from './auth.js'

export const User = z.object({
  ...RecordMeta,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  deptId: z.string().nullable(),
  deptName: z.string().nullable(),
  roleIds: z.array(z.string()),
  roleNames: z.array(z.string()),
  enabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
})
export type User = z.infer<typeof User>

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()
const email = z.email().max(120).nullable().optional()
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'validation.phone')
  .nullable()
  .optional()

export const UserCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, 'admin.user.username_format'),
  displayName: z.string().trim().min(1).max(64),
  password: Password,
  email,
  phone,
  deptId: Id.nullable().optional(),
  roleIds: z.array(Id).max(20).default([]),
  enabled: z.boolean().default(true),
})
export type UserCreate = z.input<typeof UserCreate>

export const UserUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  email,
  phone,
  deptId: Id.nullable().optional(),
  roleIds: z.array(Id).max(20).optional(),
  enabled: z.boolean().optional(),
})
export type UserUpdate = z.infer<typeof UserUpdate>

/** 批量修改 of users: department and enabled (批量启用/停用), through the user rules. */
export const UserBulkEdit = bulkEditOf(UserUpdate.pick({ deptId: true, enabled: true }))
export type UserBulkEdit = z.input<typeof UserBulkEdit>

export const ResetPasswordRequest = z.strictObject({ newPassword: Password })
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>

export const UserListQuery = PageQuery.extend({
  q: optionalText(64),
  deptId: Id.optional(),
  enabled: z.enum(['true', 'false']).optional(),
})
export type UserListQuery = z.infer<typeof UserListQuery>
