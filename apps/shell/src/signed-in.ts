import type { App } from 'vue'

/**
 * The login page carries only the few Element Plus components it shows. Everything past it
 * — the whole of Element Plus registered globally (remote pages use `<el-*>` tags), its CSS,
 * the layout — loads once, on the first navigation to a signed-in page (see router guards).
 * Within the shell's build the login page's components are the same modules as the shared
 * `element-plus` the remotes consume, so nothing is downloaded twice.
 */
let target: App | undefined
let loading: Promise<void> | undefined

export function bindSignedInUi(app: App): void {
  target = app
}

/** Resolves once Element Plus is installed on the shell's app; a no-op when none is bound (tests). */
export function loadSignedInUi(): Promise<void> {
  const app = target
  if (!app) return Promise.resolve()
  loading ??= import('./signed-in-ui')
    .then((m) => m.install(app))
    .catch((err: unknown) => {
      loading = undefined // a failed chunk fetch can be retried by the next navigation
      throw err
    })
  return loading
}
