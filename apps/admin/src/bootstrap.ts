import { computed, createApp } from 'vue'
import { createPinia } from 'pinia'
import { createRouter, createWebHistory } from 'vue-router'
import 'element-plus/dist/index.css'
import { addMessages, api, createMosaicI18n, useAuthStore, useLocale } from '@mosaic/web-kit'
import { uiMessages } from '@mosaic/ui'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import type { DictType } from '@mosaic/dictionary'
import adminModule from './routes'
import StandaloneApp from './standalone/StandaloneApp.vue'

// Only here, when the admin app runs on its own, does it create pinia, i18n and a router;
// inside the shell it uses the shell's.
const app = createApp(StandaloneApp)
const pinia = createPinia()
app.use(pinia)

const i18n = createMosaicI18n()
addMessages(uiMessages)
addMessages(adminModule.messages)
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

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: `${adminModule.basePath}/users` },
    { path: adminModule.basePath, children: adminModule.routes },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
app.use(router)

// Restore the session from the refresh cookie before the first page asks for data.
void auth.restoreSession().finally(() => app.mount('#app'))
