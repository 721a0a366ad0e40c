import { computed, ref, shallowReactive, type ComputedRef, type Ref } from 'vue'
import { createI18n, type I18n } from 'vue-i18n'
import type { Language } from 'element-plus/es/locale'
import { commonMessages } from './messages'

export type MosaicLocale = 'zh-CN' | 'en'
export type LocaleMessages = Partial<Record<MosaicLocale, Record<string, unknown>>>

export const LOCALES: readonly MosaicLocale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'mosaic.locale'
// Loaded when first asked for: in the shell's build these modules live in the shared
// element-plus chunk, which the login page must not download.
const ELEMENT_LOCALE_LOADERS: Record<MosaicLocale, () => Promise<{ default: Language }>> = {
  'zh-CN': () => import('element-plus/es/locale/lang/zh-cn'),
  en: () => import('element-plus/es/locale/lang/en'),
}
const elementLocales = shallowReactive<Partial<Record<MosaicLocale, Language>>>({})

function storedLocale(): MosaicLocale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return v === 'en' || v === 'zh-CN' ? v : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

// Module state is page-wide because web-kit is a federation singleton: the shell and
// every remote see the same locale and the same i18n instance.
const locale = ref<MosaicLocale>(storedLocale())
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- vue-i18n's own default type arguments
let instance: I18n<Record<string, unknown>, {}, {}, string, false> | null = null
const pending: LocaleMessages[] = []

function merge(target: typeof instance, messages: LocaleMessages) {
  for (const l of LOCALES) {
    const m = messages[l]
    if (m) target!.global.mergeLocaleMessage(l, m)
  }
}

/** The page's one i18n (composition mode). Only the shell, or a remote running standalone, calls this. */
export function createMosaicI18n() {
  instance = createI18n({
    legacy: false,
    locale: locale.value,
    fallbackLocale: 'zh-CN',
    messages: {},
    missingWarn: false,
    fallbackWarn: false,
  })
  merge(instance, commonMessages)
  for (const m of pending.splice(0)) merge(instance, m)
  return instance
}

/** The page's language now (for code that renders outside components, e.g. error messages). */
export function currentLocale(): MosaicLocale {
  return locale.value
}

export function getI18n() {
  return instance
}

/** Merges a module's messages into the page's i18n; safe to call before it exists. */
export function addMessages(messages: LocaleMessages | undefined): void {
  if (!messages) return
  if (instance) merge(instance, messages)
  else pending.push(messages)
}

export function setLocale(next: MosaicLocale): void {
  locale.value = next
  if (instance) instance.global.locale.value = next
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next)
  } catch {
    // Private mode storage errors only cost persistence.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next
}

export interface UseLocale {
  locale: Ref<MosaicLocale>
  setLocale(l: MosaicLocale): void
  /** Feed to `<el-config-provider :locale>`; Element Plus keeps its own locale per provider. */
  elementLocale: ComputedRef<Language | undefined>
}

/** Loads Element Plus's texts for the current locale (the shell awaits it before signed-in pages). */
export async function loadElementLocale(l: MosaicLocale = locale.value): Promise<Language> {
  const loaded = elementLocales[l] ?? (await ELEMENT_LOCALE_LOADERS[l]()).default
  elementLocales[l] = loaded
  return loaded
}

const elementLocale = computed(() => {
  const l = locale.value
  if (!elementLocales[l]) void loadElementLocale(l)
  return elementLocales[l] ?? elementLocales['zh-CN'] ?? elementLocales.en
})
// Writable so `v-model="locale"` works and still goes through setLocale (i18n + storage).
const localeModel = computed<MosaicLocale>({ get: () => locale.value, set: setLocale })

export function useLocale(): UseLocale {
  return { locale: localeModel, setLocale, elementLocale }
}

/** `{ zh, en }` labels (dictionaries, menus, permission names) for the current locale. */
export function pickLabel(text: { zh: string; en: string } | null | undefined, current: string): string {
  if (!text) return ''
  return current.startsWith('zh') ? text.zh || text.en : text.en || text.zh
}

export type { I18n }
