import type { App } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { loadElementLocale } from '@mosaic/web-kit'
import { configureMosaicDictionaries } from '@mosaic/ui/boot'

/** Globally registered so remote pages can use <el-*> tags; locale comes from App's config provider. */
export async function install(app: App): Promise<void> {
  app.use(ElementPlus)
  await Promise.all([loadElementLocale(), configureMosaicDictionaries()])
}
