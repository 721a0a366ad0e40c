import { ref, shallowRef, type App } from 'vue'
import type { Problem } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { defaultDictTypes, type DictType } from '@mosaic/dictionary'
import { addMessages, createMosaicI18n, setLocale } from '@mosaic/web-kit'
import { uiMessages } from '@mosaic/ui'
import { messages } from './messages'
// The record types, registered as the shell's load of the route module does.
import './records'

/** A fresh page-wide i18n with this app's messages, as the shell would set it up. */
export function testI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  setLocale(locale)
  const i18n = createMosaicI18n()
  addMessages(uiMessages)
  addMessages(messages)
  return i18n
}

/** Signs a principal in for `v-can` and RowActions (every sales permission unless told otherwise). */
export function withPermissions(...permissions: string[]) {
  const principal: Principal = {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'rep',
    deptId: null,
    roles: [],
    dataScope: 'self',
    kind: 'staff',
    permissions,
  }
  return { install: (app: App) => installPermissions(app, shallowRef(principal)) }
}

/** The built-in dictionaries (opportunity stages with probabilities, lost reasons…), loaded at once. */
export function useDefaultDictionaries(types: DictType[] = defaultDictTypes()) {
  configureDictionaries({ load: async () => structuredClone(types), locale: ref('zh-CN') })
}

export function problem(p: Partial<Problem> & { status: number }) {
  const full: Problem = { type: 'about:blank', title: 'Error', ...p }
  const fieldErrors: Record<string, string> = {}
  for (const e of full.errors ?? []) fieldErrors[e.field] ??= e.message
  return Object.assign(new Error(full.detail ?? full.title), {
    status: full.status,
    problem: full,
    fieldErrors,
  })
}

/** Element Plus shows a form item's error 100 ms after it is set. */
export async function settle(ms = 150) {
  await new Promise((r) => setTimeout(r, ms))
}

export const click = (testid: string) => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
  if (!el) throw new Error(`no element ${testid}`)
  el.click()
}

export function type(testid: string, value: string) {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `input[data-testid="${testid}"], textarea[data-testid="${testid}"]`,
  )
  if (!el) throw new Error(`no input ${testid}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
}
