import type { sales } from '@mosaic/schemas'

/**
 * Enum values the screens list (radio buttons, filters). Kept as plain arrays so the browser
 * never loads zod just to read them; `exhaustive` makes the compiler refuse a list that
 * drifts from the schema's type.
 */
function exhaustive<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) => list
}

export const FOLLOWUP_TARGETS = exhaustive<sales.FollowUpTarget>()(['lead', 'customer', 'opportunity'])
export const LEAD_STATUSES = exhaustive<sales.Lead['status']>()([
  'new',
  'contacting',
  'qualified',
  'unqualified',
  'invalid',
  'converted',
])
/** Stages a user may move a lead to by hand (converted/invalid have their own actions). */
export const LEAD_ADVANCE_TARGETS = exhaustive<(typeof sales.LeadAdvance)['_zod']['output']['status']>()([
  'new',
  'contacting',
  'qualified',
  'unqualified',
])
export const OPPORTUNITY_STATUSES = exhaustive<sales.OpportunityStatus>()([
  'open',
  'closing',
  'won',
  'lost',
  'invalid',
])
export const OPPORTUNITY_TYPES = exhaustive<NonNullable<sales.OpportunityCreate['type']>>()([
  'new_business',
  'upsell',
  'renewal',
])
export const CLOSE_OUTCOMES = exhaustive<sales.OpportunityClose['outcome']>()(['won', 'lost', 'invalid'])
export const DEAL_STATUSES = exhaustive<sales.Customer['dealStatus']>()(['undealt', 'dealt'])
export const TEAM_ACCESS = exhaustive<sales.TeamAccess>()(['read', 'write'])

export const LEAD_STATUS_TAGS = {
  new: 'primary',
  contacting: 'warning',
  qualified: 'success',
  unqualified: 'info',
  invalid: 'danger',
  converted: 'success',
} as const satisfies Record<sales.Lead['status'], string>

export const OPPORTUNITY_STATUS_TAGS = {
  open: 'primary',
  closing: 'warning',
  won: 'success',
  lost: 'danger',
  invalid: 'info',
} as const satisfies Record<sales.OpportunityStatus, string>

/** Dictionary types the sales screens use for each coded field. */
export const DICT = {
  leadSource: 'lead_source',
  customerStatus: 'customer_status',
  customerLevel: 'customer_level',
  industry: 'industry',
  followupMethod: 'followup_method',
  opportunityStage: 'opportunity_stage',
  lostReason: 'lost_reason',
} as const
