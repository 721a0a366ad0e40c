import { createApp } from 'vue'
// `@mosaic/ui/boot`, not `@mosaic/ui`: the full UI kit (and Element Plus) loads after sign-in.
import { installMosaicApp } from '@mosaic/ui/boot'
import '@mosaic/ui/theme.css'
import App from './App.vue'
import { createShellRouter } from './router'
import { shellMessages } from './locales'
import { reportFailedPages, watchSessionEnd } from './session'
import { bindSignedInUi } from './signed-in'
import './styles.css'

// The page's only pinia, i18n and router: remotes mounted in the shell use these singletons.
const app = createApp(App)
installMosaicApp(app, shellMessages)
bindSignedInUi(app)

const router = createShellRouter()
app.use(router)
watchSessionEnd(router)
reportFailedPages(router)
app.mount('#app')
