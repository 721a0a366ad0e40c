import { defineConfig } from 'vite'
import { defineRemoteConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(
  defineRemoteConfig({ name: 'service', port: 5103, home: 'tickets', title: 'Mosaic CRM · 服务' }),
)
