import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import '@mosaic/ui/theme.css'
import { installMosaicApp } from '@mosaic/ui'
import App from './App.vue'
import { createShellRouter } from './router'
import { shellMessages } from './locales'
import { reportFailedPages, watchSessionEnd } from './session'
import './styles.css'

// The page's only pinia, i18n and router: remotes mounted in the shell use these singletons.
const app = createApp(App)
installMosaicApp(app, shellMessages)
// Globally registered so remote pages can use <el-*> tags; locale comes from App's config provider.
app.use(ElementPlus)

const router = createShellRouter()
app.use(router)
watchSessionEnd(router)
reportFailedPages(router)
app.mount('#app')
