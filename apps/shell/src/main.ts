import { computed, createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { addMessages, api, createMosaicI18n, useAuthStore, useLocale } from '@mosaic/web-kit'
import { uiMessages } from '@mosaic/ui'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import type { DictType } from '@mosaic/dictionary'
import App from './App.vue'
import { createShellRouter } from './router'
import { shellMessages } from './locales'
import { reportFailedPages, watchSessionEnd } from './session'
import './styles.css'

// The page's only pinia, i18n and router: remotes mounted in the shell use these singletons.
const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

const i18n = createMosaicI18n()
addMessages(uiMessages)
addMessages(shellMessages)
app.use(i18n)
// Globally registered so remote pages can use <el-*> tags; locale comes from App's config provider.
app.use(ElementPlus)

const auth = useAuthStore(pinia)
installPermissions(
  app,
  computed(() => auth.principal),
)
configureDictionaries({
  load: () => api.get<{ types: DictType[] }>('/api/admin/dictionaries').then((r) => r.types),
  locale: useLocale().locale,
})

const router = createShellRouter()
app.use(router)
watchSessionEnd(router)
reportFailedPages(router)
app.mount('#app')
