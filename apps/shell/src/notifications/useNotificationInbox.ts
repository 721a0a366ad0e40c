import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { admin } from '@mosaic/schemas'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { api, contractCaller, useAuthStore } from '@mosaic/web-kit'

const call = contractCaller(api)
export const POLL_MS = 30_000
const PAGE_SIZE = 10

/**
 * The signed-in user's notifications: the unread count is polled (every 30 s while the tab is visible,
 * and whenever the window regains focus); the list loads when the panel opens. Everything stops and
 * is forgotten when the session ends, so the next user never sees the previous one's inbox.
 */
export function useNotificationInbox(pollMs = POLL_MS) {
  const auth = useAuthStore()
  const unread = ref(0)
  const items = shallowRef<admin.Notification[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  let timer: ReturnType<typeof setInterval> | undefined
  // Bumped on every start/stop: an answer that arrives after the session changed is dropped.
  let session = 0

  async function inSession<T>(work: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const mine = session
    const value = await work()
    if (mine === session) apply(value)
  }

  async function refreshCount(): Promise<void> {
    try {
      await inSession(
        () => call(adminRoutes.unreadCount),
        (r) => (unread.value = r.count),
      )
    } catch {
      // A missed poll is retried on the next tick; a toast every 30 s would bury the page.
    }
  }

  async function loadPage(cursor: string | null): Promise<void> {
    loading.value = true
    try {
      await inSession(
        () =>
          call(adminRoutes.listNotifications, { query: { limit: PAGE_SIZE, cursor: cursor ?? undefined } }),
        (page) => {
          items.value = cursor ? [...items.value, ...page.items] : page.items
          nextCursor.value = page.nextCursor
        },
      )
    } finally {
      loading.value = false
    }
  }

  /** Reloads the newest page and the count together, so the list and the badge agree. */
  const loadLatest = () => Promise.all([loadPage(null), refreshCount()]).then(() => undefined)
  const loadMore = () => (nextCursor.value ? loadPage(nextCursor.value) : Promise.resolve())

  async function markRead(n: admin.Notification): Promise<void> {
    if (n.read) return
    await inSession(
      () => call(adminRoutes.markRead, { params: { id: n.id } }),
      (saved) => {
        items.value = items.value.map((i) => (i.id === saved.id ? saved : i))
        unread.value = Math.max(0, unread.value - 1)
      },
    )
  }

  async function markAllRead(): Promise<void> {
    await inSession(
      () => call(adminRoutes.markAllRead),
      () => {
        const at = new Date().toISOString()
        items.value = items.value.map((i) => (i.read ? i : { ...i, read: true, readAt: at }))
        unread.value = 0
      },
    )
  }

  function onFocus() {
    void refreshCount()
  }
  function tick() {
    if (document.visibilityState !== 'hidden') void refreshCount()
  }

  function stop() {
    session++
    clearInterval(timer)
    timer = undefined
    window.removeEventListener('focus', onFocus)
    unread.value = 0
    items.value = []
    nextCursor.value = null
  }

  function start() {
    stop()
    timer = setInterval(tick, pollMs)
    window.addEventListener('focus', onFocus)
    void refreshCount()
  }

  // Keyed by user, not just "signed in": a token refresh keeps the inbox, another user gets a fresh one.
  watch(
    () => (auth.isAuthenticated ? auth.user?.id : undefined),
    (userId) => (userId ? start() : stop()),
    { immediate: true },
  )
  onScopeDispose(stop)

  return { unread, items, nextCursor, loading, loadLatest, loadMore, markRead, markAllRead, refreshCount }
}
