import type { PoolRuleValues } from './pool-rules.js'
import type { ClosableDocType, ClosureRuleValues, NumberRuleValues, NumberedDocType } from './rules.js'

/**
 * The rules a new installation starts with. Data initialisation writes them to the admin service;
 * the other services use them until their replica holds the administrator's rules.
 */
const PREFIXES: Record<NumberedDocType, string> = {
  lead: 'XS',
  customer: 'KH',
  opportunity: 'SJ',
  quote: 'BJ',
  contract: 'HT',
  order: 'DD',
  ticket: 'GD',
  payment: 'HK',
  invoice: 'KP',
}

export const DEFAULT_NUMBER_RULES = Object.fromEntries(
  Object.entries(PREFIXES).map(([docType, prefix]) => [
    docType,
    {
      docType: docType as NumberedDocType,
      prefix,
      datePattern: 'yyyyMMdd',
      width: 4,
      resetPeriod: 'daily',
      enabled: true,
    } satisfies NumberRuleValues,
  ]),
) as Readonly<Record<NumberedDocType, Readonly<NumberRuleValues>>>

const closure = (docType: ClosableDocType): ClosureRuleValues => ({
  docType,
  // An opportunity's lost reason is required by the sales service itself when it is closed as lost.
  requiredFields: [],
  lockOnClose: true,
  reopenRoles: [],
  reopenWithinDays: 30,
  modifyClosedRoles: ['super_admin'],
  approvalRequired: false,
  enabled: true,
})

export const DEFAULT_CLOSURE_RULES: Readonly<Record<ClosableDocType, Readonly<ClosureRuleValues>>> = {
  opportunity: closure('opportunity'),
  contract: closure('contract'),
  order: closure('order'),
  ticket: closure('ticket'),
}

export const DEFAULT_POOL_RULE: Readonly<PoolRuleValues> = {
  enabled: true,
  noFollowupDays: 30,
  noDealDays: 90,
  levelOverrides: { A: { noFollowupDays: 60, noDealDays: 180 } },
  warnDaysAhead: 3,
  ownedLimit: 200,
  lockedLimit: 20,
  userLimits: [],
  deptLimits: [],
  claimsPerDay: 10,
  reclaimCooldownDays: 7,
}
