import { watch } from 'vue'
import type { Router } from 'vue-router'
import { getI18n, useAuthStore } from '@mosaic/web-kit'
import { loginLocation } from './router'

// Element Plus is loaded after sign-in (signed-in.ts): fetch the message box when it is needed,
// so the login page's static graph does not carry the library.
function message(kind: 'warning' | 'error', text: string): void {
  void import('element-plus').then(({ ElMessage }) => ElMessage[kind](text))
}

/** When a refresh fails mid-session (expired, revoked elsewhere), send the user to log in and come back. */
export function watchSessionEnd(router: Router): void {
  const auth = useAuthStore()
  watch(
    () => auth.isAuthenticated,
    (now, before) => {
      const current = router.currentRoute.value
      if (!before || now || current.meta.public) return
      message('warning', getI18n()?.global.t('shell.user.sessionExpired') ?? 'Session expired')
      void router.replace(loginLocation(current))
    },
  )
}

/** A remote page whose chunk cannot be fetched (remote redeployed or down) fails the navigation; say so. */
export function reportFailedPages(router: Router): void {
  router.onError((err: unknown) => {
    console.error('[mosaic] navigation failed', err)
    message('error', getI18n()?.global.t('shell.remote.pageFailed') ?? 'Page failed to load')
  })
}
