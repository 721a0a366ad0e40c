import { afterAll, describe, expect, test } from 'vitest'
import { startAdmin, type AdminHarness } from '../../test-support/harness.js'

const started: AdminHarness[] = []
afterAll(async () => {
  await Promise.all(started.map((h) => h.close()))
})

async function production(env: Record<string, string> = {}) {
  const h = await startAdmin({ MOSAIC_MODE: 'production', LOG_LEVEL: 'silent', ...env })
  started.push(h)
  return h
}

describe('initialisation outside demo mode', () => {
  test('never invents an admin password: no admin user, and the demo password does not work', async () => {
    const h = await production()
    const init = await h.call('POST', '/init', { headers: { 'x-init-token': 'test-init-token-0123456789' } })
    expect(init.status).toBe(200)
    expect(init.body.adminUser).toBe('skipped')
    expect(init.body.roles.existing).toBe(6)
    const login = await h.call('POST', '/auth/login', { body: { username: 'admin', password: 'admin123' } })
    expect(login.status).toBe(401)
    const [{ n }] = await h.service.db.dataSource.query('SELECT count(*)::int AS n FROM app_user')
    expect(n).toBe(0)
  })

  test('creates the first admin with the configured INITIAL_ADMIN_PASSWORD only', async () => {
    const h = await production({ INITIAL_ADMIN_PASSWORD: 'configured-secret-1' })
    expect(
      (await h.call('POST', '/auth/login', { body: { username: 'admin', password: 'admin123' } })).status,
    ).toBe(401)
    const token = await h.login('admin', 'configured-secret-1')
    const me = await h.call('GET', '/auth/me', { token })
    expect(me.body.roles).toEqual(['super_admin'])
  })
})
