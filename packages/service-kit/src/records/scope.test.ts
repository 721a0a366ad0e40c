import { describe, expect, it } from 'vitest'
import type { Principal } from '@mosaic/permissions'
import { indexedScopeWhere, inScope, scopeWhere } from './scope.js'

const ME = 'u-me'
const OTHER = 'u-other'
const D1 = 'd-1'
const D1_CHILD = 'd-1-1'
const D2 = 'd-2'

function principal(over: Partial<Principal>): Principal {
  return {
    userId: ME,
    username: 'me',
    deptId: D1,
    roles: [],
    permissions: [],
    dataScope: 'self',
    kind: 'staff',
    ...over,
  }
}

interface Row {
  ownerId: string | null
  deptId: string | null
}
const fields = { owner: 'ownerId', dept: 'deptId' } as const
const mine: Row = { ownerId: ME, deptId: D2 }
const sameDept: Row = { ownerId: OTHER, deptId: D1 }
const childDept: Row = { ownerId: OTHER, deptId: D1_CHILD }
const otherDept: Row = { ownerId: OTHER, deptId: D2 }
const noDept: Row = { ownerId: OTHER, deptId: null }

describe('inScope', () => {
  it('self: only rows the principal owns', () => {
    const p = principal({ dataScope: 'self' })
    expect(inScope(p, mine, fields)).toBe(true)
    expect(inScope(p, sameDept, fields)).toBe(false)
    expect(inScope(p, otherDept, fields)).toBe(false)
  })

  it('self without an owner field: nothing', () => {
    const p = principal({ dataScope: 'self' })
    expect(inScope(p, mine, { dept: 'deptId' })).toBe(false)
    expect(inScope(p, sameDept, { dept: 'deptId' })).toBe(false)
    expect(inScope(p, mine, {})).toBe(false)
  })

  it('dept: own rows and rows of the own department (deptId when scopeDeptIds is absent)', () => {
    const p = principal({ dataScope: 'dept' })
    expect(inScope(p, mine, fields)).toBe(true)
    expect(inScope(p, sameDept, fields)).toBe(true)
    expect(inScope(p, childDept, fields)).toBe(false)
    expect(inScope(p, otherDept, fields)).toBe(false)
    expect(inScope(p, noDept, fields)).toBe(false)
  })

  it('dept_and_children: the departments listed in scopeDeptIds', () => {
    const p = principal({ dataScope: 'dept_and_children', scopeDeptIds: [D1, D1_CHILD] })
    expect(inScope(p, sameDept, fields)).toBe(true)
    expect(inScope(p, childDept, fields)).toBe(true)
    expect(inScope(p, otherDept, fields)).toBe(false)
    expect(inScope(p, mine, fields)).toBe(true)
  })

  it('a principal without a department sees only own rows under dept scope', () => {
    const p = principal({ dataScope: 'dept', deptId: null })
    expect(inScope(p, mine, fields)).toBe(true)
    expect(inScope(p, noDept, fields)).toBe(false)
    expect(inScope(p, sameDept, fields)).toBe(false)
  })

  it('dept scope on a record type without a dept field: only owned rows', () => {
    const p = principal({ dataScope: 'dept' })
    expect(inScope(p, sameDept, { owner: 'ownerId' })).toBe(false)
    expect(inScope(p, mine, { owner: 'ownerId' })).toBe(true)
  })

  it('all: everything', () => {
    const p = principal({ dataScope: 'all' })
    for (const row of [mine, sameDept, childDept, otherDept, noDept])
      expect(inScope(p, row, fields)).toBe(true)
  })

  it('service principals see everything whatever their data scope', () => {
    const p = principal({ kind: 'service', dataScope: 'self', deptId: null })
    for (const row of [mine, otherDept, noDept]) expect(inScope(p, row, fields)).toBe(true)
    expect(inScope(p, otherDept, {})).toBe(true)
  })

  it('a null owner never matches', () => {
    const p = principal({ dataScope: 'self' })
    expect(inScope(p, { ownerId: null, deptId: D1 }, fields)).toBe(false)
  })
})

describe('scopeWhere', () => {
  const columns = { owner: 'r.owner_id', dept: 'r.dept_id' }

  it('self: owner column only', () => {
    expect(scopeWhere(principal({ dataScope: 'self' }), columns)).toEqual({
      sql: '(r.owner_id = :scopeUserId)',
      params: { scopeUserId: ME },
    })
  })

  it('self without an owner column: matches nothing', () => {
    expect(scopeWhere(principal({ dataScope: 'self' }), { dept: 'r.dept_id' })).toEqual({
      sql: '1 = 0',
      params: {},
    })
    expect(scopeWhere(principal({ dataScope: 'self' }), {})).toEqual({ sql: '1 = 0', params: {} })
  })

  it('dept: owner or own department, each alternative also on its own (paged branch by branch)', () => {
    const params = { scopeUserId: ME, scopeDeptIds: [D1] }
    expect(scopeWhere(principal({ dataScope: 'dept' }), columns)).toEqual({
      sql: '(r.owner_id = :scopeUserId OR r.dept_id IN (:...scopeDeptIds))',
      params,
      anyOf: [
        { sql: 'r.owner_id = :scopeUserId', params },
        { sql: 'r.dept_id IN (:...scopeDeptIds)', params },
      ],
    })
  })

  it('dept_and_children: scopeDeptIds', () => {
    expect(
      scopeWhere(principal({ dataScope: 'dept_and_children', scopeDeptIds: [D1, D1_CHILD] }), columns),
    ).toMatchObject({
      sql: '(r.owner_id = :scopeUserId OR r.dept_id IN (:...scopeDeptIds))',
      params: { scopeUserId: ME, scopeDeptIds: [D1, D1_CHILD] },
    })
  })

  it('dept scope without owner column', () => {
    expect(scopeWhere(principal({ dataScope: 'dept' }), { dept: 'r.dept_id' })).toEqual({
      sql: '(r.dept_id IN (:...scopeDeptIds))',
      params: { scopeDeptIds: [D1] },
    })
  })

  it('dept scope with no department at all: owner only, or nothing', () => {
    const p = principal({ dataScope: 'dept', deptId: null, scopeDeptIds: [] })
    expect(scopeWhere(p, columns)).toEqual({
      sql: '(r.owner_id = :scopeUserId)',
      params: { scopeUserId: ME },
    })
    expect(scopeWhere(p, { dept: 'r.dept_id' })).toEqual({ sql: '1 = 0', params: {} })
  })

  it('all and service principals: no restriction', () => {
    expect(scopeWhere(principal({ dataScope: 'all' }), columns)).toBeNull()
    expect(scopeWhere(principal({ kind: 'service', dataScope: 'self' }), columns)).toBeNull()
  })

  it('agrees with inScope on every combination', () => {
    const rows = [mine, sameDept, childDept, otherDept, noDept]
    const principals = [
      principal({ dataScope: 'self' }),
      principal({ dataScope: 'dept' }),
      principal({ dataScope: 'dept', deptId: null }),
      principal({ dataScope: 'dept_and_children', scopeDeptIds: [D1, D1_CHILD] }),
      principal({ dataScope: 'all' }),
      principal({ kind: 'service' }),
    ]
    const variants = [
      { f: fields, c: columns },
      { f: { owner: 'ownerId' as const }, c: { owner: 'r.owner_id' } },
      { f: { dept: 'deptId' as const }, c: { dept: 'r.dept_id' } },
      { f: {}, c: {} },
    ]
    // A tiny evaluator for the generated SQL over one row.
    const evaluate = (where: ReturnType<typeof scopeWhere>, row: Row) => {
      if (!where) return true
      if (where.sql === '1 = 0') return false
      return where.sql
        .slice(1, -1)
        .split(' OR ')
        .some((part) =>
          part === 'r.owner_id = :scopeUserId'
            ? row.ownerId === where.params.scopeUserId
            : (where.params.scopeDeptIds as string[]).includes(row.deptId as string),
        )
    }
    for (const p of principals)
      for (const { f, c } of variants)
        for (const row of rows)
          expect(evaluate(scopeWhere(p, c), row), JSON.stringify({ p, c, row })).toBe(inScope(p, row, f))
  })
})

describe('a shared queue (unownedShared)', () => {
  const queue = { ...fields, unownedShared: true } as const
  const unowned: Row = { ownerId: null, deptId: D2 }

  it('rows nobody owns are in every scope; owned rows keep the usual rule', () => {
    for (const dataScope of ['self', 'dept'] as const) {
      const p = principal({ dataScope })
      expect(inScope(p, unowned, queue)).toBe(true)
      expect(inScope(p, unowned, fields)).toBe(false)
      expect(inScope(p, otherDept, queue)).toBe(false)
    }
  })

  it('lists say the same: the owner column, or no owner at all', () => {
    expect(
      scopeWhere(principal({ dataScope: 'self' }), { owner: 'r.owner_id', unownedShared: true }),
    ).toMatchObject({
      sql: '(r.owner_id = :scopeUserId OR r.owner_id IS NULL)',
    })
  })
})

describe('scopeWhere with team members', () => {
  it('adds an EXISTS over team_member, for write access only write members', () => {
    const read = scopeWhere(principal({}), { owner: 'r.owner_id' }, { entityType: 'customer', id: 'r.id' })!
    expect(read.sql).toBe(
      '(r.owner_id = :scopeUserId OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.entity_type = :scopeEntityType AND tm.entity_id = r.id AND tm.user_id = :scopeUserId))',
    )
    expect(read.params).toEqual({ scopeUserId: ME, scopeEntityType: 'customer' })
    const write = scopeWhere(
      principal({}),
      {},
      { typeColumn: 'r.target_type', id: 'r.target_id', access: 'write' },
    )!
    expect(write.sql).toContain('tm.entity_type = r.target_type AND tm.entity_id = r.target_id')
    expect(write.sql).toContain("AND tm.access = 'write'")
    expect(scopeWhere(principal({ dataScope: 'all' }), {}, { entityType: 'x', id: 'r.id' })).toBeNull()
  })
})

describe('indexedScopeWhere', () => {
  it('is scopeWhere without a team', () => {
    for (const dataScope of ['self', 'dept', 'all'] as const) {
      const p = principal({ dataScope })
      expect(indexedScopeWhere(p, { owner: 'r.owner_id', dept: 'r.dept_id' })).toEqual(
        scopeWhere(p, { owner: 'r.owner_id', dept: 'r.dept_id' }),
      )
    }
  })

  it('states the team as an uncorrelated id list (one lookup, then the primary key index)', () => {
    const read = indexedScopeWhere(
      principal({}),
      { owner: 'r.owner_id' },
      { entityType: 'customer', id: 'r.id' },
    )!
    expect(read.sql).toBe(
      '(r.owner_id = :scopeUserId OR r.id = ANY(ARRAY(SELECT tm.entity_id FROM team_member tm WHERE tm.user_id = :scopeUserId AND tm.entity_type = :scopeEntityType)))',
    )
    expect(read.params).toEqual({ scopeUserId: ME, scopeEntityType: 'customer' })
    const write = indexedScopeWhere(
      principal({}),
      {},
      { typeColumn: 'r.target_type', id: 'r.target_id', access: 'write' },
    )!
    // A team whose type is a column: the id list narrows, the EXISTS rechecks the type.
    expect(write.sql).toContain(
      "r.target_id = ANY(ARRAY(SELECT tm.entity_id FROM team_member tm WHERE tm.user_id = :scopeUserId AND tm.access = 'write'))",
    )
    expect(write.sql).toContain('tm.entity_type = r.target_type AND tm.entity_id = r.target_id')
  })
})
