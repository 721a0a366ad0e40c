import { createApp, type App } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import type { RemoteModule } from '@mosaic/web-kit'
import { configureMosaicDictionaries, installMosaicApp } from './appSetup'
import StandaloneLayout from './StandaloneLayout.vue'

export interface StandaloneOptions {
  /** The page `/` redirects to, relative to the module's base path (e.g. `customers`). */
  home: string
  /** The router's base, the app's `import.meta.env.BASE_URL`. */
  base?: string
  selector?: string
}

/**
 * Runs a remote module as its own app. Only here does a module create pinia, i18n and a
 * router; inside the shell it uses the shell's.
 */
export function mountStandalone(module: RemoteModule, options: StandaloneOptions): App {
  const app = createApp(StandaloneLayout, { module, home: options.home })
  const { auth } = installMosaicApp(app, module.messages)

  const router = createRouter({
    history: createWebHistory(options.base),
    routes: [
      { path: '/', redirect: `${module.basePath}/${options.home}` },
      { path: module.basePath, children: module.routes },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  app.use(router)

  // Restore the session from the refresh cookie before the first page asks for data.
  void Promise.all([auth.restoreSession(), configureMosaicDictionaries()]).finally(() =>
    app.mount(options.selector ?? '#app'),
  )
  return app
}
