import { defineConfig } from 'vite'
import { defineRemoteConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(
  defineRemoteConfig({ name: 'sales', port: 5102, home: 'customers', title: 'Mosaic CRM · 销售管理' }),
)
