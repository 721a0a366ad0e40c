import { computed, type App } from 'vue'
import { createPinia } from 'pinia'
import {
  addMessages,
  api,
  contractCaller,
  createMosaicI18n,
  useAuthStore,
  useLocale,
  type LocaleMessages,
} from '@mosaic/web-kit'
import { installPermissions } from '@mosaic/permissions/vue'
import { adminRoutes } from '@mosaic/schemas/contracts'
import type { DictType } from '@mosaic/dictionary'
import { uiMessages } from '../i18n'

/**
 * What the page's root app (the shell, or a module running on its own) sets up once: the
 * only pinia and i18n, and the signed-in principal for `v-can`. Dictionaries: see below.
 */
export function installMosaicApp(app: App, ...messages: (LocaleMessages | undefined)[]) {
  const pinia = createPinia()
  app.use(pinia)

  const i18n = createMosaicI18n()
  addMessages(uiMessages)
  for (const m of messages) addMessages(m)
  app.use(i18n)

  const auth = useAuthStore(pinia)
  installPermissions(
    app,
    computed(() => auth.principal),
  )
  return { pinia, i18n, auth }
}

/**
 * Points the dictionary store at the admin service. Imported when called, not statically:
 * `@mosaic/dictionary/vue` carries Element Plus components and the login page must not load
 * them. Await it before rendering a page that uses dictionaries (signed-in pages).
 */
export async function configureMosaicDictionaries(): Promise<void> {
  const { configureDictionaries } = await import('@mosaic/dictionary/vue')
  configureDictionaries({
    load: () => contractCaller(api)(adminRoutes.dictionaries).then((r): DictType[] => r.types),
    locale: useLocale().locale,
  })
}
