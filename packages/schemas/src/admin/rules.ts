import { z } from 'zod'
import { RecordMeta } from '../common.js'
import type { ProblemCode, ProblemParams } from '../problems/index.js'
import { DATE_PATTERNS, RESET_PERIODS, resetPeriodProblem } from './numbering.js'

/** A cross-field problem found in a rule, addressed like a field error (`path` joined by dots). */
export interface RuleIssue {
  path: (string | number)[]
  code: ProblemCode
  params?: ProblemParams
}

/** Reports rule issues to zod; the kit reads a catalog code in `message` and its `params`. */
export function reportIssues(issues: RuleIssue[], ctx: z.RefinementCtx) {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.code, params: i.params })
}

// ── Number rules (编号规则) ────────────────────────────────────────────────────────────────

export const NUMBERED_DOC_TYPES = [
  'lead',
  'customer',
  'opportunity',
  'quote',
  'contract',
  'order',
  'ticket',
  'payment',
  'invoice',
] as const
export type NumberedDocType = (typeof NUMBERED_DOC_TYPES)[number]

export const NumberRule = z.object({
  ...RecordMeta,
  docType: z.enum(NUMBERED_DOC_TYPES),
  prefix: z.string(),
  datePattern: z.enum(DATE_PATTERNS),
  width: z.number().int(),
  resetPeriod: z.enum(RESET_PERIODS),
  enabled: z.boolean(),
  /** The first number the rule would issue today (business time zone), e.g. KH202611220001. */
  example: z.string(),
})
export type NumberRule = z.infer<typeof NumberRule>
export type NumberRuleValues = Omit<NumberRule, keyof typeof RecordMeta | 'example'>

const Prefix = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{0,12}$/, 'admin.rule.prefix_format')
const Width = z.number().int('validation.integer').min(3).max(10)

/** Pattern and reset must agree; on a partial edit the service re-checks the merged rule. */
export function numberRuleIssues(v: { datePattern?: unknown; resetPeriod?: unknown }): RuleIssue[] {
  const pattern = DATE_PATTERNS.find((p) => p === v.datePattern)
  const reset = RESET_PERIODS.find((r) => r === v.resetPeriod)
  if (!pattern || !reset) return []
  const problem = resetPeriodProblem(pattern, reset)
  return problem ? [{ path: ['resetPeriod'], code: problem }] : []
}

export const NumberRuleCreate = z
  .strictObject({
    docType: z.enum(NUMBERED_DOC_TYPES),
    prefix: Prefix.default(''),
    datePattern: z.enum(DATE_PATTERNS),
    width: Width,
    resetPeriod: z.enum(RESET_PERIODS),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => reportIssues(numberRuleIssues(v), ctx))
export type NumberRuleCreate = z.input<typeof NumberRuleCreate>

/** The document type is what the rule is for; pick another by creating another rule. */
export const NumberRuleUpdate = z
  .strictObject({
    prefix: Prefix.optional(),
    datePattern: z.enum(DATE_PATTERNS).optional(),
    width: Width.optional(),
    resetPeriod: z.enum(RESET_PERIODS).optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((v, ctx) => reportIssues(numberRuleIssues(v), ctx))
export type NumberRuleUpdate = z.infer<typeof NumberRuleUpdate>

// ── Closure rules (结单规则) ───────────────────────────────────────────────────────────────

export const CLOSABLE_DOC_TYPES = ['opportunity', 'contract', 'order', 'ticket'] as const
export type ClosableDocType = (typeof CLOSABLE_DOC_TYPES)[number]

/**
 * The closing inputs a rule may make required, per document type. `lostReason` only applies
 * when an opportunity is closed as lost (the sales service asks for it there itself).
 */
export const CLOSURE_FIELDS: { readonly [K in ClosableDocType]: readonly string[] } = {
  opportunity: ['closeNote', 'closeDate', 'lostReason'],
  contract: ['closeNote', 'closeDate'],
  order: ['closeNote', 'closeDate'],
  ticket: ['closeNote', 'closeDate', 'resolution', 'feedback'],
}

export const ClosureRule = z.object({
  ...RecordMeta,
  docType: z.enum(CLOSABLE_DOC_TYPES),
  requiredFields: z.array(z.string()),
  lockOnClose: z.boolean(),
  /** Role codes; empty = anyone holding the document's reopen permission. */
  reopenRoles: z.array(z.string()),
  /** Days after closing during which a reopen (or an edit of a locked record) is allowed; null = no limit. */
  reopenWithinDays: z.number().int().nullable(),
  /** Role codes that may edit a locked closed record; empty = nobody. */
  modifyClosedRoles: z.array(z.string()),
  approvalRequired: z.boolean(),
  enabled: z.boolean(),
})
export type ClosureRule = z.infer<typeof ClosureRule>
export type ClosureRuleValues = Omit<ClosureRule, keyof typeof RecordMeta>

/** What closing a document asks for now (its close dialog reads it): a disabled rule asks nothing. */
export const ClosingTerms = z.object({
  approvalRequired: z.boolean(),
  requiredFields: z.array(z.string()),
})
export type ClosingTerms = z.infer<typeof ClosingTerms>

const RoleCodes = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,31}$/, 'admin.role.code_format'),
  )
  .max(50)

export const ClosureRuleUpdate = z.strictObject({
  requiredFields: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  lockOnClose: z.boolean().optional(),
  reopenRoles: RoleCodes.optional(),
  reopenWithinDays: z.number().int('validation.integer').min(1).max(3650).nullable().optional(),
  modifyClosedRoles: RoleCodes.optional(),
  /** Closing goes to the `closure` approval flow first (opportunities honour it: sales). */
  approvalRequired: z.boolean().optional(),
  enabled: z.boolean().optional(),
})
export type ClosureRuleUpdate = z.infer<typeof ClosureRuleUpdate>

/** Which required fields the document type has no such closing input for (the body does not name the type). */
export function closureRuleIssues(docType: ClosableDocType, v: { requiredFields?: string[] }): RuleIssue[] {
  const allowed = CLOSURE_FIELDS[docType]
  return (v.requiredFields ?? []).flatMap((field, i) =>
    allowed.includes(field)
      ? []
      : [
          {
            path: ['requiredFields', i],
            code: 'admin.rule.not_closing_field' as const,
            params: { field, docType, allowed: allowed.join(', ') },
          },
        ],
  )
}
