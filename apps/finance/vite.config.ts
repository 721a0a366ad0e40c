import { defineConfig } from 'vite'
import { defineRemoteConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(
  defineRemoteConfig({ name: 'finance', port: 5104, home: 'receivables', title: 'Mosaic CRM · 财务' }),
)
