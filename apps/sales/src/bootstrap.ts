import 'element-plus/dist/index.css'
import '@mosaic/ui/theme.css'
import { mountStandalone } from '@mosaic/ui'
import salesModule from './routes'

mountStandalone(salesModule, { home: 'customers', base: import.meta.env.BASE_URL })
