import { z } from 'zod'
import { DATA_SCOPES, isPermissionCode } from '@mosaic/permissions'
import { PageQuery, RecordMeta } from '../common.js'

const PermissionList = z
  .array(z.string().refine(isPermissionCode, { message: 'admin.role.unknown_permission' }))
  .max(1000)

export const Role = z.object({
  ...RecordMeta,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  dataScope: z.enum(DATA_SCOPES),
  builtIn: z.boolean(),
})
export type Role = z.infer<typeof Role>

export const RoleCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'admin.role.code_format'),
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: PermissionList.default([]),
  dataScope: z.enum(DATA_SCOPES).default('self'),
})
export type RoleCreate = z.input<typeof RoleCreate>

export const RoleUpdate = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: PermissionList.optional(),
  dataScope: z.enum(DATA_SCOPES).optional(),
})
export type RoleUpdate = z.infer<typeof RoleUpdate>

export const RoleListQuery = PageQuery.extend({ q: z.string().trim().max(64).optional() })
