import { ref, shallowRef } from 'vue'
import type { admin } from '@mosaic/schemas'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import { POLL_MS, useSessionPoll } from '../session-poll'

const call = contractCaller(api)
const PAGE_SIZE = 10

/**
 * The signed-in user's notifications: the unread count is polled (every 30 s while the tab is visible,
 * and whenever the window regains focus); the list loads when the panel opens. Everything stops and
 * is forgotten when the session ends, so the next user never sees the previous one's inbox.
 */
export function useNotificationInbox(pollMs = POLL_MS) {
  const { inSession, keepPolling } = useSessionPoll(pollMs)
  const unread = ref(0)
  const items = shallowRef<admin.Notification[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)

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

  keepPolling(refreshCount, () => {
    unread.value = 0
    items.value = []
    nextCursor.value = null
  })

  return { unread, items, nextCursor, loading, loadLatest, loadMore, markRead, markAllRead, refreshCount }
}
