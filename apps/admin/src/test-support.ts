import type { Problem } from '@mosaic/schemas'
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
