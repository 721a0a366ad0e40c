import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { admin, pageOf, Problem, AuditQuery } from './index.js'

describe('admin request schemas', () => {
  test('reject fields the client may not set (version, createdAt, id)', () => {
    const base = { username: 'alice', displayName: 'Alice', password: 'password-1' }
    expect(admin.UserCreate.safeParse(base).success).toBe(true)
    for (const extra of [{ version: 1 }, { createdAt: '2026-01-01' }, { id: crypto.randomUUID() }]) {
      const result = admin.UserCreate.safeParse({ ...base, ...extra })
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys')
    }
    expect(admin.UserUpdate.safeParse({ version: 2 }).success).toBe(false)
  })

  test('apply defaults and trim text', () => {
    const parsed = admin.UserCreate.parse({ username: ' bob ', displayName: ' Bob ', password: 'password-1' })
    expect(parsed).toMatchObject({ username: 'bob', displayName: 'Bob', roleIds: [], enabled: true })
  })

  test('validate formats per field', () => {
    const result = admin.UserCreate.safeParse({
      username: 'x',
      displayName: '',
      password: 'short',
      email: 'nope',
    })
    expect(result.success).toBe(false)
    const fields = result.error!.issues.map((i) => i.path.join('.')).sort()
    expect(fields).toEqual(['displayName', 'email', 'password', 'username'])
  })

  test('roles accept only catalogued permission codes and known data scopes', () => {
    expect(
      admin.RoleCreate.safeParse({ code: 'clerk', name: 'Clerk', permissions: ['admin.user.read'] }).success,
    ).toBe(true)
    const bad = admin.RoleCreate.safeParse({
      code: 'clerk',
      name: 'Clerk',
      permissions: ['admin.user.fly'],
      dataScope: 'galaxy',
    })
    expect(bad.success).toBe(false)
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['dataScope', 'permissions.0'])
  })

  test('dictionary colours are tag types or hex colours', () => {
    const entry = { value: 'fair', label: { zh: '展会', en: 'Fair' } }
    expect(admin.DictEntryCreate.safeParse({ ...entry, color: 'success' }).success).toBe(true)
    expect(admin.DictEntryCreate.safeParse({ ...entry, color: '#12ab9F' }).success).toBe(true)
    expect(admin.DictEntryCreate.safeParse({ ...entry, color: 'red' }).success).toBe(false)
    expect(admin.DictEntryCreate.safeParse({ ...entry, label: { zh: '展会' } }).success).toBe(false)
  })

  test('audit query accepts ISO date-times only', () => {
    expect(AuditQuery.safeParse({ from: '2026-11-01T00:00:00Z' }).success).toBe(true)
    expect(AuditQuery.safeParse({ from: 'yesterday' }).success).toBe(false)
  })
})

describe('every schema can be published in OpenAPI', () => {
  test('converts to JSON Schema', () => {
    const schemas = [
      ...Object.values(admin).filter((s) => s instanceof z.ZodType),
      pageOf(admin.User),
      Problem,
    ]
    expect(schemas.length).toBeGreaterThan(15)
    for (const schema of schemas) {
      const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' })
      expect(json).toHaveProperty('type')
    }
  })
})
