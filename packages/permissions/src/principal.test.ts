import { describe, expect, it } from 'vitest'
import { can, canAll, canAny, type Principal } from './principal.js'
import { DATA_SCOPE_LABELS, isDataScope, widestScope } from './scopes.js'

const rep: Principal = {
  userId: 'u1',
  username: 'rep',
  deptId: 'd1',
  roles: ['sales_rep'],
  dataScope: 'self',
  kind: 'staff',
  permissions: ['sales.customer.read', 'sales.customer.update'],
}

describe('can / canAll / canAny', () => {
  it('answers from the principal permission list', () => {
    expect(can(rep, 'sales.customer.read')).toBe(true)
    expect(can(rep, 'sales.customer.delete')).toBe(false)
    expect(canAll(rep, ['sales.customer.read', 'sales.customer.update'])).toBe(true)
    expect(canAll(rep, ['sales.customer.read', 'sales.customer.delete'])).toBe(false)
    expect(canAny(rep, ['sales.customer.delete', 'sales.customer.update'])).toBe(true)
    expect(canAny(rep, ['sales.customer.delete'])).toBe(false)
  })

  it('denies when there is no principal', () => {
    expect(can(null, 'sales.customer.read')).toBe(false)
    expect(can(undefined, 'sales.customer.read')).toBe(false)
    expect(canAll(null, [])).toBe(false)
    expect(canAny(null, [])).toBe(false)
  })
})

describe('data scopes', () => {
  it('labels and widens scopes', () => {
    expect(DATA_SCOPE_LABELS.dept_and_children.zh).toBe('本部门及下级')
    expect(isDataScope('dept')).toBe(true)
    expect(isDataScope('world')).toBe(false)
    expect(widestScope(['self', 'dept_and_children', 'dept'])).toBe('dept_and_children')
    expect(widestScope([])).toBe('self')
  })
})
