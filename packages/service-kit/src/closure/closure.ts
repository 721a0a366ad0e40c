import { admin, type FieldError, type ProblemCode, type ProblemParams } from '@mosaic/schemas'
import { fieldError } from '../errors.js'

/** Default closure rules per closable document type, used until the service's replica holds admin's. */
export const DEFAULT_CLOSURE_RULES = admin.DEFAULT_CLOSURE_RULES

export type ClosureRuleSpec = Pick<
  admin.ClosureRuleValues,
  'requiredFields' | 'lockOnClose' | 'reopenRoles' | 'reopenWithinDays' | 'modifyClosedRoles' | 'enabled'
>

/** A condition the owning service checks itself (e.g. "fully shipped"); `field` when one input is to blame. */
export interface ClosurePrecondition {
  field?: string
  ok: boolean
  /** What the reader is told (a catalog code); `message` is the older free-text form. */
  code?: ProblemCode
  params?: ProblemParams
  message?: string
}

/** Only the roles matter here; a Principal fits. */
export interface ClosureActor {
  roles: readonly string[]
}

const DAY_MS = 86_400_000

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

/**
 * Why a record cannot be closed with `input`: each required closing field that is empty, then
 * each failed precondition (the service's own, which apply even when the rule is disabled).
 * Empty means it may close.
 */
export function closureErrors(
  rule: ClosureRuleSpec,
  input: Record<string, unknown>,
  preconditions: readonly ClosurePrecondition[] = [],
): FieldError[] {
  const required = rule.enabled ? rule.requiredFields : []
  const missing = required
    .filter((field) => isBlank(input[field]))
    .map((field) => ({ field, message: 'Required when closing', code: 'required' }))
  const failed = preconditions
    .filter((p) => !p.ok)
    .map((p) =>
      p.code
        ? fieldError(p.field ?? '(body)', p.code, p.params)
        : { field: p.field ?? '(body)', message: p.message ?? 'Precondition failed', code: 'precondition' },
    )
  return [...missing, ...failed]
}

const hasAnyRole = (actor: ClosureActor, roles: readonly string[]) =>
  roles.some((r) => actor.roles.includes(r))

function windowPassed(rule: ClosureRuleSpec, closedAt: Date, now: Date): boolean {
  return rule.reopenWithinDays !== null && now.getTime() - closedAt.getTime() > rule.reopenWithinDays * DAY_MS
}

/**
 * Whether `actor` may edit a closed record: always when the rule is disabled or does not lock;
 * otherwise only the listed roles, and only inside the rule's day window (the same window as
 * reopening: after it, a closed record is final for everyone).
 */
export function canModifyClosed(
  rule: ClosureRuleSpec,
  actor: ClosureActor,
  closedAt: Date,
  now: Date,
): boolean {
  if (!rule.enabled || !rule.lockOnClose) return true
  return hasAnyRole(actor, rule.modifyClosedRoles) && !windowPassed(rule, closedAt, now)
}

/**
 * Why `actor` may not reopen a record closed at `closedAt`, or null when they may. The document's
 * reopen permission is always needed; an enabled rule adds its roles (empty = any holder of the
 * permission) and its day window.
 */
/** `reopenDenial` as a catalog code with params, for the problem answer; null when allowed. */
export function reopenRefusal(
  rule: ClosureRuleSpec,
  actor: ClosureActor,
  closedAt: Date,
  now: Date,
  hasReopenPermission: boolean,
): { code: ProblemCode; params?: ProblemParams } | null {
  if (!hasReopenPermission) return { code: 'http.forbidden' }
  if (!rule.enabled) return null
  if (rule.reopenRoles.length && !hasAnyRole(actor, rule.reopenRoles))
    return { code: 'closure.reopen_roles', params: { roles: rule.reopenRoles.join(', ') } }
  if (windowPassed(rule, closedAt, now))
    return { code: 'closure.reopen_window', params: { days: rule.reopenWithinDays } }
  return null
}

export function reopenDenial(
  rule: ClosureRuleSpec,
  actor: ClosureActor,
  closedAt: Date,
  now: Date,
  hasReopenPermission: boolean,
): string | null {
  if (!hasReopenPermission) return 'You do not have permission to reopen this record.'
  if (!rule.enabled) return null
  if (rule.reopenRoles.length && !hasAnyRole(actor, rule.reopenRoles))
    return `Only these roles may reopen it: ${rule.reopenRoles.join(', ')}.`
  if (windowPassed(rule, closedAt, now))
    return `It can only be reopened within ${rule.reopenWithinDays} days of closing.`
  return null
}
