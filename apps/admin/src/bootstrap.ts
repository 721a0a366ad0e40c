import 'element-plus/dist/index.css'
import '@mosaic/ui/theme.css'
import { mountStandalone } from '@mosaic/ui'
import adminModule from './routes'

mountStandalone(adminModule, { home: 'users', base: import.meta.env.BASE_URL })
