import { computed, type App } from 'vue'
import { createPinia } from 'pinia'
import {
  addMessages,
  api,
  createMosaicI18n,
  useAuthStore,
  useLocale,
  type LocaleMessages,
} from '@mosaic/web-kit'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import type { DictType } from '@mosaic/dictionary'
import { uiMessages } from './i18n'

/**
 * What the page's root app (the shell, or a module running on its own) sets up once: the
 * only pinia and i18n, the signed-in principal for `v-can`, and the dictionaries.
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
  configureDictionaries({
    load: () => api.get<{ types: DictType[] }>('/api/admin/dictionaries').then((r) => r.types),
    locale: useLocale().locale,
  })
  return { pinia, i18n, auth }
}
