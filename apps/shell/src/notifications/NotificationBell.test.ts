import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import type { admin } from '@mosaic/schemas'
import { setLocale } from '@mosaic/web-kit'
import { mountInShell, page } from '../test/harness'
import { relativeTime } from './relative-time'
import NotificationBell from './NotificationBell.vue'

enableAutoUnmount(afterEach)

const BASE = '/api/admin/notifications'
const MINUTE = 60_000

function notification(id: string, over: Partial<admin.Notification> = {}): admin.Notification {
  return {
    id,
    kind: 'owner_changed',
    title: { zh: `客户已转交 ${id}`, en: `Customer transferred ${id}` },
    body: { zh: `正文 ${id}`, en: `Body ${id}` },
    link: null,
    entityType: 'customer',
    entityId: id,
    read: false,
    readAt: null,
    createdAt: new Date(Date.now() - 5 * MINUTE).toISOString(),
    sourceEvent: null,
    source: 'sales',
    ...over,
  }
}

interface Call {
  method: string
  url: string
  auth: string | undefined
}

/** A tiny admin notifications API behind the real api client's fetch. */
function stubApi(inbox: admin.Notification[]) {
  const calls: Call[] = []
  const reply = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const unreadCount = () => inbox.filter((n) => !n.read).length
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input)
      const method = init.method ?? 'GET'
      calls.push({ method, url, auth: (init.headers as Record<string, string>).Authorization })
      if (method === 'GET' && url === `${BASE}/unread-count`) return reply(200, { count: unreadCount() })
      if (method === 'GET' && url.startsWith(`${BASE}?`))
        return reply(200, { items: inbox, nextCursor: null, total: inbox.length, totalCapped: false })
      if (method === 'POST' && url === `${BASE}/read-all`) {
        const marked = unreadCount()
        inbox.forEach((n) => Object.assign(n, { read: true, readAt: new Date().toISOString() }))
        return reply(200, { marked })
      }
      const one = /\/notifications\/([^/]+)\/read$/.exec(url)
      const target = one && inbox.find((n) => n.id === one[1])
      if (method === 'POST' && target) {
        Object.assign(target, { read: true, readAt: target.readAt ?? new Date().toISOString() })
        return reply(200, target)
      }
      return reply(404, { type: 'about:blank', title: 'Not Found', status: 404 })
    }),
  )
  return calls
}

async function mountBell(signedIn = true) {
  const mounted = await mountInShell(
    NotificationBell,
    [
      { path: '/', component: page('home') },
      { path: '/sales/customers/:id', component: page('customer') },
    ],
    { signedIn },
  )
  await flushPromises()
  return mounted
}

const badge = () => document.querySelector('[data-testid="notification-badge"] sup')
const items = () => [...document.querySelectorAll<HTMLElement>('[data-testid="notification-item"]')]

async function openPanel(wrapper: Awaited<ReturnType<typeof mountBell>>['wrapper']) {
  await wrapper.find('[data-testid="notification-bell"]').trigger('click')
  // The popper opens on a zero-delay timer, then the list loads.
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
  expect(document.querySelector('[data-testid="notification-panel"]')).not.toBeNull()
}

beforeEach(() => setLocale('zh-CN'))
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  setLocale('zh-CN')
  document.body.innerHTML = ''
})

describe('NotificationBell', () => {
  it('shows the unread count, lists in the current locale, marks read on click and opens the link', async () => {
    const inbox = [
      notification('n3', { link: '/sales/customers/n3' }),
      notification('n2'),
      notification('n1', { read: true, readAt: new Date().toISOString(), body: null }),
    ]
    const calls = stubApi(inbox)
    const { wrapper, router } = await mountBell()
    expect(calls[0]).toEqual({ method: 'GET', url: `${BASE}/unread-count`, auth: 'Bearer token-1' })
    expect(badge()?.textContent?.trim()).toBe('2')

    await openPanel(wrapper)
    expect(calls.at(-2)?.url).toBe(`${BASE}?limit=10`)
    expect(items().map((el) => el.querySelector('.inbox__item-title')?.textContent)).toEqual([
      '客户已转交 n3',
      '客户已转交 n2',
      '客户已转交 n1',
    ])
    expect(items()[0]!.textContent).toContain('正文 n3')
    expect(items()[0]!.textContent).toContain('5分钟前')
    expect(items().map((el) => el.classList.contains('is-unread'))).toEqual([true, true, false])

    setLocale('en')
    await flushPromises()
    expect(items()[0]!.textContent).toContain('Customer transferred n3')
    expect(items()[0]!.textContent).toContain('Body n3')
    expect(items()[0]!.textContent).toContain('5 minutes ago')

    items()[0]!.click()
    await flushPromises()
    expect(calls).toContainEqual({ method: 'POST', url: `${BASE}/n3/read`, auth: 'Bearer token-1' })
    expect(router.currentRoute.value.fullPath).toBe('/sales/customers/n3')
    expect(badge()?.textContent?.trim()).toBe('1')
    expect(items()[0]!.classList.contains('is-unread')).toBe(false)

    // An already-read notification without a link asks nothing of the server.
    const posts = calls.filter((c) => c.method === 'POST').length
    items()[2]!.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST').length).toBe(posts)
  })

  it('marks everything read in one call and hides the badge', async () => {
    const calls = stubApi([notification('a'), notification('b')])
    const { wrapper } = await mountBell()
    expect(badge()?.textContent?.trim()).toBe('2')
    await openPanel(wrapper)
    document.querySelector<HTMLElement>('[data-testid="notification-read-all"]')!.click()
    await flushPromises()
    expect(calls).toContainEqual({ method: 'POST', url: `${BASE}/read-all`, auth: 'Bearer token-1' })
    expect(badge()).toBeNull()
    expect(items().some((el) => el.classList.contains('is-unread'))).toBe(false)
  })

  it('polls every 30 s and on focus, and stops when the session ends', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const inbox = [notification('p1')]
    const calls = stubApi(inbox)
    const { auth } = await mountBell()
    const polls = () => calls.filter((c) => c.url === `${BASE}/unread-count`).length
    expect(polls()).toBe(1)

    inbox.push(notification('p2'))
    vi.advanceTimersByTime(30_000)
    await flushPromises()
    expect(polls()).toBe(2)
    expect(badge()?.textContent?.trim()).toBe('2')

    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(polls()).toBe(3)

    auth.clear()
    await flushPromises()
    expect(badge()).toBeNull()
    vi.advanceTimersByTime(90_000)
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(polls()).toBe(3)
  })

  it('asks nothing while signed out', async () => {
    const calls = stubApi([notification('x')])
    await mountBell(false)
    expect(calls).toEqual([])
  })
})

describe('relativeTime', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')
  it('reads naturally in both locales', () => {
    expect(relativeTime('2026-03-01T11:59:30Z', 'en', now)).toBe('now')
    expect(relativeTime('2026-03-01T09:00:00Z', 'en', now)).toBe('3 hours ago')
    expect(relativeTime('2026-02-28T12:00:00Z', 'zh-CN', now)).toBe('昨天')
    expect(relativeTime('2026-02-15T12:00:00Z', 'en', now)).toBe('2 weeks ago')
  })
})
