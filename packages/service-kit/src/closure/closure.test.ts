import { describe, expect, it } from 'vitest'
import {
  canModifyClosed,
  closureErrors,
  DEFAULT_CLOSURE_RULES,
  reopenDenial,
  type ClosureRuleSpec,
} from './closure.js'

const rule: ClosureRuleSpec = {
  requiredFields: ['closeNote', 'resolution'],
  lockOnClose: true,
  reopenRoles: ['service_manager'],
  reopenWithinDays: 30,
  modifyClosedRoles: ['super_admin'],
  enabled: true,
}
const disabled = { ...rule, enabled: false }
const closedAt = new Date('2026-03-01T08:00:00Z')
const day = (n: number) => new Date(closedAt.getTime() + n * 86_400_000)
const manager = { roles: ['sales_rep', 'service_manager'] }
const admin = { roles: ['super_admin'] }
const rep = { roles: ['sales_rep'] }

describe('closureErrors', () => {
  it('passes when every required field has a value', () => {
    expect(closureErrors(rule, { closeNote: 'done', resolution: 'fixed', extra: 1 }, [])).toEqual([])
  })

  it('names each missing, blank or empty required field', () => {
    expect(closureErrors(rule, { closeNote: '   ' })).toEqual([
      { field: 'closeNote', message: 'Required when closing', code: 'required' },
      { field: 'resolution', message: 'Required when closing', code: 'required' },
    ])
    expect(closureErrors({ ...rule, requiredFields: ['tags'] }, { tags: [] })).toHaveLength(1)
    expect(closureErrors({ ...rule, requiredFields: ['closeDate'] }, { closeDate: null })).toHaveLength(1)
    // false and 0 are answers, not blanks
    expect(closureErrors({ ...rule, requiredFields: ['feedback'] }, { feedback: 0 })).toEqual([])
  })

  it('reports failed preconditions on their field, or on the body when they name none', () => {
    const errors = closureErrors(rule, { closeNote: 'x', resolution: 'y' }, [
      { ok: true, message: 'never shown' },
      { field: 'shipments', ok: false, message: 'Not fully shipped' },
      { ok: false, message: 'Not fully paid' },
    ])
    expect(errors).toEqual([
      { field: 'shipments', message: 'Not fully shipped', code: 'precondition' },
      { field: '(body)', message: 'Not fully paid', code: 'precondition' },
    ])
  })

  it('a disabled rule requires nothing, but the service preconditions still apply', () => {
    expect(closureErrors(disabled, {})).toEqual([])
    expect(closureErrors(disabled, {}, [{ ok: false, message: 'Not fully paid' }])).toHaveLength(1)
  })
})

describe('canModifyClosed', () => {
  it('is always allowed when the rule is disabled or does not lock', () => {
    expect(canModifyClosed(disabled, rep, closedAt, day(400))).toBe(true)
    expect(canModifyClosed({ ...rule, lockOnClose: false }, rep, closedAt, day(400))).toBe(true)
  })

  it('a locked record is editable only by the listed roles, inside the window', () => {
    expect(canModifyClosed(rule, admin, closedAt, day(10))).toBe(true)
    expect(canModifyClosed(rule, rep, closedAt, day(10))).toBe(false)
    expect(canModifyClosed(rule, admin, closedAt, day(31))).toBe(false)
    expect(canModifyClosed({ ...rule, reopenWithinDays: null }, admin, closedAt, day(400))).toBe(true)
  })

  it('an empty role list means nobody', () => {
    expect(canModifyClosed({ ...rule, modifyClosedRoles: [] }, admin, closedAt, day(1))).toBe(false)
  })
})

describe('reopenDenial', () => {
  it('always needs the permission, even under a disabled rule', () => {
    expect(reopenDenial(rule, manager, closedAt, day(1), false)).toMatch(/permission/)
    expect(reopenDenial(disabled, manager, closedAt, day(1), false)).toMatch(/permission/)
  })

  it('a disabled rule needs only the permission', () => {
    expect(reopenDenial(disabled, rep, closedAt, day(400), true)).toBeNull()
  })

  it('limits the roles when the rule lists some; empty means any permission holder', () => {
    expect(reopenDenial(rule, rep, closedAt, day(1), true)).toBe(
      'Only these roles may reopen it: service_manager.',
    )
    expect(reopenDenial(rule, manager, closedAt, day(1), true)).toBeNull()
    expect(reopenDenial({ ...rule, reopenRoles: [] }, rep, closedAt, day(1), true)).toBeNull()
  })

  it('counts the window from the closing time; exactly N days is still inside', () => {
    expect(reopenDenial(rule, manager, closedAt, day(30), true)).toBeNull()
    expect(reopenDenial(rule, manager, closedAt, new Date(day(30).getTime() + 1), true)).toBe(
      'It can only be reopened within 30 days of closing.',
    )
    expect(reopenDenial({ ...rule, reopenWithinDays: null }, manager, closedAt, day(3000), true)).toBeNull()
  })
})

describe('DEFAULT_CLOSURE_RULES', () => {
  it('lock closed records for 30 days, editable by super administrators, without approval', () => {
    expect(Object.keys(DEFAULT_CLOSURE_RULES)).toEqual(['opportunity', 'contract', 'order', 'ticket'])
    const d = DEFAULT_CLOSURE_RULES.ticket
    expect(d).toMatchObject({
      lockOnClose: true,
      reopenWithinDays: 30,
      approvalRequired: false,
      requiredFields: [],
    })
    expect(canModifyClosed(d, admin, closedAt, day(5))).toBe(true)
    expect(reopenDenial(d, rep, closedAt, day(5), true)).toBeNull()
  })
})
