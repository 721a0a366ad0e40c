import { z } from 'zod'
import { Id } from '../common.js'

/**
 * Payload of `admin.user.changed`: the user's directory entry after any change (sent with
 * `deleted: true` when the user is deleted). Receivers keep it only if `version` is newer.
 */
export const UserChangedPayload = z.object({
  id: Id,
  username: z.string().min(1).max(32),
  displayName: z.string().min(1).max(100),
  deptId: Id.nullable(),
  enabled: z.boolean(),
  version: z.number().int().positive(),
  deleted: z.boolean().default(false),
  /**
   * Bumped whenever what the user's access tokens say stops being true (disabled, deleted, roles,
   * scope, password reset): services refuse tokens carrying an older `av` claim.
   */
  authVersion: z.number().int().min(0).default(0),
})
export type UserChangedPayload = z.infer<typeof UserChangedPayload>

export const RULE_KINDS = ['number', 'closure', 'pool'] as const
/** `admin.rule.changed`: a number, closure or pool rule as services apply it. */
export const RuleChangedPayload = z.object({
  kind: z.enum(RULE_KINDS),
  /** Doc type for number/closure rules, 'default' for the pool rule. */
  key: z.string(),
  version: z.number().int(),
  /** Null when the rule was deleted (services fall back to their defaults). */
  rule: z.record(z.string(), z.unknown()).nullable(),
})
export type RuleChangedPayload = z.infer<typeof RuleChangedPayload>

/**
 * Payload of `admin.dept.changed`: a department's name after any change (`deleted: true` when it
 * is deleted), so other services name departments in their records and audit trails.
 */
export const DeptChangedPayload = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  parentId: Id.nullable(),
  version: z.number().int().positive(),
  deleted: z.boolean().default(false),
})
export type DeptChangedPayload = z.infer<typeof DeptChangedPayload>

/** `GET /api/admin/internal/snapshot`: seeds a new service's replicas before events flow. */
export const DirectorySnapshot = z.object({
  users: z.array(UserChangedPayload),
  rules: z.array(RuleChangedPayload),
  depts: z.array(DeptChangedPayload).optional(),
})
export type DirectorySnapshot = z.infer<typeof DirectorySnapshot>
