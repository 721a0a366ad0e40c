import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { json } from '@mosaic/web-kit/test-utils'
import { PORTAL_TOKEN_KEY } from './session'
import { TICKET, TOKEN, callsTo, mountPortal, text } from './test-support'

resetAfterEach()
beforeEach(() => {
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: () => 'blob:portal', revokeObjectURL: () => {} }),
  )
})
afterEach(() => vi.unstubAllGlobals())

// Pages are lazy routes: let their modules load and their calls settle.
const press = async (testid: string) => {
  click(testid)
  await flushPromises()
  await settle()
  await flushPromises()
}
const routeBecomes = (router: { currentRoute: { value: { name?: unknown } } }, name: string) =>
  vi.waitFor(() => expect(router.currentRoute.value.name).toBe(name), { timeout: 5000 })
const unauthorized = () => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 })

describe('portal login', () => {
  it('signs in, keeps the portal token in its own sessionStorage key and opens the tickets', async () => {
    const { router, calls } = await mountPortal('/portal/login', undefined, { token: null })
    type('portal-account', 'acme-li')
    type('portal-password', 'secret-pass')
    await press('portal-login')
    expect(callsTo(calls, 'POST', '/api/tickets/portal/auth/login')[0].body).toEqual({
      account: 'acme-li',
      password: 'secret-pass',
    })
    expect(sessionStorage.getItem(PORTAL_TOKEN_KEY)).toBe(TOKEN)
    await routeBecomes(router, 'portal-tickets')
    await flushPromises()
    const list = callsTo(calls, 'GET', '/api/tickets/portal/tickets')
    expect(list[0].headers.Authorization).toBe(`Bearer ${TOKEN}`)
    expect(text()).toContain('设备无法开机')
    expect(text()).toContain('Acme 公司')
  })

  it('says in words when the account or password is wrong, and stays', async () => {
    const { router } = await mountPortal(
      '/portal/login',
      (c) => (c.url.endsWith('/auth/login') ? unauthorized() : undefined),
      { token: null },
    )
    await press('portal-login')
    expect(text()).toContain('请输入账号')
    type('portal-account', 'acme-li')
    type('portal-password', 'wrong')
    await press('portal-login')
    expect(text()).toContain('账号或密码不正确')
    expect(router.currentRoute.value.name).toBe('portal-login')
    expect(sessionStorage.getItem(PORTAL_TOKEN_KEY)).toBeNull()
  })

  it('sends a visitor without a portal session to the portal login with the way back', async () => {
    const { router } = await mountPortal('/portal/orders', undefined, { token: null })
    expect(router.currentRoute.value.name).toBe('portal-login')
    expect(router.currentRoute.value.query.redirect).toBe('/portal/orders')
  })

  it('goes back to the portal login when a call answers 401, dropping the token', async () => {
    let expired = false
    const { router } = await mountPortal('/portal/tickets', () => (expired ? unauthorized() : undefined))
    expect(router.currentRoute.value.name).toBe('portal-tickets')
    expired = true
    await press('portal-nav-orders')
    await routeBecomes(router, 'portal-login')
    expect(router.currentRoute.value.query.redirect).toBe('/portal/orders')
    expect(sessionStorage.getItem(PORTAL_TOKEN_KEY)).toBeNull()
    expect(text()).toContain('登录已过期')
  })

  it('signs out: the token is gone and the login page shows', async () => {
    const { router, calls } = await mountPortal('/portal/tickets')
    await press('portal-sign-out')
    expect(callsTo(calls, 'POST', '/api/tickets/portal/auth/logout')).toHaveLength(1)
    expect(sessionStorage.getItem(PORTAL_TOKEN_KEY)).toBeNull()
    expect(router.currentRoute.value.name).toBe('portal-login')
  })
})

describe('portal texts', () => {
  it('render in English with names, not ids', async () => {
    await mountPortal('/portal/tickets', undefined, { locale: 'en' })
    const page = text()
    expect(page).toContain('My tickets')
    expect(page).toContain('Submit a ticket')
    expect(page).toContain('Repair') // ticket_type label from the built-in dictionary
    expect(page).toContain('In progress')
    expect(page).toContain('Contact: 李雷')
    expect(page).not.toContain('我的工单')
    expect(page).not.toContain(TICKET)
  })
})
