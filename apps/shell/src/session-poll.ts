import { onScopeDispose, watch } from 'vue'
import { useAuthStore } from '@mosaic/web-kit'

/** How often the header's counters (unread notifications, approvals waiting) ask again. */
export const POLL_MS = 30_000

/**
 * A signed-in user's counter kept fresh: `poll` runs when a user signs in, every `pollMs` while the
 * tab is visible, and whenever the window regains focus; `reset` forgets everything when the
 * session ends or another user signs in, so the next user never sees the previous one's numbers.
 * `inSession` drops an answer that arrives after the session changed.
 */
export function useSessionPoll(pollMs = POLL_MS) {
  const auth = useAuthStore()
  let timer: ReturnType<typeof setInterval> | undefined
  // Bumped on every start/stop.
  let session = 0

  async function inSession<T>(work: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const mine = session
    const value = await work()
    if (mine === session) apply(value)
  }

  /** Starts polling for the signed-in user (now, if one is). */
  function keepPolling(poll: () => Promise<void>, reset: () => void): void {
    const onFocus = () => void poll()
    const tick = () => {
      if (document.visibilityState !== 'hidden') void poll()
    }
    function stop() {
      session++
      clearInterval(timer)
      timer = undefined
      window.removeEventListener('focus', onFocus)
      reset()
    }
    function start() {
      stop()
      timer = setInterval(tick, pollMs)
      window.addEventListener('focus', onFocus)
      void poll()
    }
    // Keyed by user, not just "signed in": a token refresh keeps the state, another user gets a fresh one.
    watch(
      () => (auth.isAuthenticated ? auth.user?.id : undefined),
      (userId) => (userId ? start() : stop()),
      { immediate: true },
    )
    onScopeDispose(stop)
  }

  return { inSession, keepPolling }
}
