import { defineConfig } from 'vite'
import { defineRemoteConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(
  defineRemoteConfig({ name: 'admin', port: 5101, home: 'users', title: 'Mosaic CRM · 系统管理' }),
)
