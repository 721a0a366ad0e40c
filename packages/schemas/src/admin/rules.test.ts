import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { admin } from '../index.js'

function fieldsOf(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
}

describe('number rules', () => {
  const base = { docType: 'customer', prefix: 'KH', datePattern: 'yyyyMMdd', width: 4, resetPeriod: 'daily' }

  test('a valid rule parses with defaults', () => {
    expect(admin.NumberRuleCreate.parse(base)).toEqual({ ...base, enabled: true })
    expect(admin.NumberRuleCreate.parse({ ...base, prefix: undefined }).prefix).toBe('')
  })

  test('prefix, width and enums are checked per field; unknown keys rejected', () => {
    const r = admin.NumberRuleCreate.safeParse({
      ...base,
      prefix: 'kh_',
      width: 2,
      docType: 'widget',
      version: 1,
    })
    expect(Object.keys(fieldsOf(r)).sort()).toEqual(['', 'docType', 'prefix', 'width'])
    expect(admin.NumberRuleCreate.safeParse({ ...base, prefix: 'ABCDEFGHIJKLM' }).success).toBe(false)
    expect(admin.NumberRuleCreate.safeParse({ ...base, width: 11 }).success).toBe(false)
  })

  test.each([
    ['yyyyMM', 'daily', false],
    ['yyyy', 'monthly', false],
    ['none', 'yearly', false],
    ['none', 'daily', false],
    ['yyMMdd', 'daily', true],
    ['yyyyMM', 'monthly', true],
    ['yyyyMMdd', 'yearly', true],
    ['yyyy', 'yearly', true],
    ['none', 'never', true],
    ['yyyyMMdd', 'never', true],
  ] as const)('pattern %s with reset %s → ok %s (error on resetPeriod)', (datePattern, resetPeriod, ok) => {
    const r = admin.NumberRuleCreate.safeParse({ ...base, datePattern, resetPeriod })
    expect(r.success).toBe(ok)
    if (!ok) expect(fieldsOf(r).resetPeriod).toMatch(/^admin.rule.reset_needs_/)
  })

  test('an update is checked when it names both fields; the service checks the merged rule', () => {
    expect(admin.NumberRuleUpdate.safeParse({ datePattern: 'yyyy', resetPeriod: 'daily' }).success).toBe(
      false,
    )
    expect(admin.NumberRuleUpdate.safeParse({ resetPeriod: 'daily' }).success).toBe(true)
    expect(admin.numberRuleIssues({ datePattern: 'yyyyMM', resetPeriod: 'daily' })).toHaveLength(1)
    expect(admin.NumberRuleUpdate.safeParse({ docType: 'lead' }).success).toBe(false)
  })
})

describe('closure rules', () => {
  test('approvalRequired may be switched on and off; it is a boolean', () => {
    expect(admin.ClosureRuleUpdate.safeParse({ approvalRequired: true }).success).toBe(true)
    expect(admin.ClosureRuleUpdate.safeParse({ approvalRequired: false }).success).toBe(true)
    expect(
      fieldsOf(admin.ClosureRuleUpdate.safeParse({ approvalRequired: 'yes' })).approvalRequired,
    ).toBeDefined()
  })

  test('required fields must be closing fields of the document type', () => {
    expect(admin.closureRuleIssues('ticket', { requiredFields: ['resolution', 'feedback'] })).toEqual([])
    const issues = admin.closureRuleIssues('contract', { requiredFields: ['closeNote', 'resolution'] })
    expect(issues).toEqual([
      {
        path: ['requiredFields', 1],
        code: 'admin.rule.not_closing_field',
        params: expect.objectContaining({ field: 'resolution' }),
      },
    ])
  })

  test('role codes and day limits are checked', () => {
    const r = admin.ClosureRuleUpdate.safeParse({ reopenRoles: ['Not A Code'], reopenWithinDays: 0 })
    expect(Object.keys(fieldsOf(r)).sort()).toEqual(['reopenRoles.0', 'reopenWithinDays'])
    expect(admin.ClosureRuleUpdate.safeParse({ reopenWithinDays: null }).success).toBe(true)
  })
})

describe('pool rules', () => {
  const user = '0c0e7f5e-1d2b-4c3a-9e8f-7a6b5c4d3e2f'

  test('the default rule is valid', () => {
    expect(admin.PoolRuleUpdate.safeParse(admin.DEFAULT_POOL_RULE).success).toBe(true)
  })

  test('warning days must come before the shortest limit, overrides included', () => {
    const r = admin.PoolRuleUpdate.safeParse({
      noFollowupDays: 30,
      levelOverrides: { C: { noFollowupDays: 5, noDealDays: null } },
      warnDaysAhead: 5,
    })
    const issue = r.error?.issues.find((i) => i.path.join('.') === 'warnDaysAhead')
    expect(issue).toMatchObject({ message: 'admin.rule.warn_before_limit', params: { days: 5 } })
    expect(
      admin.PoolRuleUpdate.safeParse({ noFollowupDays: null, noDealDays: null, warnDaysAhead: 30 }).success,
    ).toBe(true)
  })

  test('locked ≤ owned, per rule and per entry; no one listed twice', () => {
    const r = admin.PoolRuleUpdate.safeParse({
      ownedLimit: 10,
      lockedLimit: 11,
      userLimits: [
        { userId: user, owned: 5, locked: 6 },
        { userId: user, owned: null, locked: 1 },
      ],
      deptLimits: [{ deptId: 'not-a-uuid', owned: null, locked: null }],
    })
    expect(Object.keys(fieldsOf(r)).sort()).toEqual([
      'deptLimits.0.deptId',
      'lockedLimit',
      'userLimits.0.locked',
      'userLimits.1.userId',
    ])
  })

  test('level keys look like dictionary values', () => {
    expect(
      fieldsOf(
        admin.PoolRuleUpdate.safeParse({ levelOverrides: { 'a b': { noFollowupDays: 1, noDealDays: 1 } } }),
      ),
    ).toHaveProperty(['levelOverrides.a b'])
  })
})

describe('defaults', () => {
  test('every numbered and closable document type has a default that passes its own schema', () => {
    for (const t of admin.NUMBERED_DOC_TYPES) {
      const { docType, ...rest } = admin.DEFAULT_NUMBER_RULES[t]
      expect(admin.NumberRuleCreate.safeParse({ docType, ...rest }).success).toBe(true)
    }
    expect(admin.DEFAULT_NUMBER_RULES.customer.prefix).toBe('KH')
    for (const t of admin.CLOSABLE_DOC_TYPES) {
      const { docType, ...rest } = admin.DEFAULT_CLOSURE_RULES[t]
      expect(docType).toBe(t)
      expect(admin.ClosureRuleUpdate.safeParse(rest).success).toBe(true)
    }
  })
})
