import { ref, type Ref } from 'vue'
import type { FormInstance, FormItemContext } from 'element-plus'
import { translateCode } from '@mosaic/web-kit'
import { asProblem, fieldErrorMap, problemText } from '../errors'

/** The field path of an error about the whole document (e.g. a close's unmet preconditions). */
const WHOLE = '(body)'

/** Every whole-document error of a problem, in the reader's words. */
export function wholeDocumentErrors(err: unknown): string[] {
  return (asProblem(err)?.problem?.errors ?? [])
    .filter((e) => e.field === WHOLE)
    .map((e) => translateCode(e.code, e.params) ?? e.message)
}

/**
 * How a form shows the server's answer to a submit (RecordDrawer, FormDialog): field errors
 * next to their items, what has no item in a general alert, a 412 as a "reload" conflict.
 */
export function useServerErrors(formRef: Ref<FormInstance | undefined>) {
  const conflict = ref(false)
  const general = ref('')
  const unmatched = ref<string[]>([])
  /** Items showing a server error: Element Plus does not know them as validation results. */
  const fromServer = new Set<string>()

  function clear() {
    conflict.value = false
    general.value = ''
    unmatched.value = []
    fromServer.clear()
    formRef.value?.clearValidate()
  }

  /** Server paths can be deeper than the form item (`roleIds.0`); the nearest enclosing item shows it. */
  function fieldFor(path: string): FormItemContext | undefined {
    const parts = path.split('.')
    for (let n = parts.length; n > 0; n--) {
      const item = formRef.value?.getField(parts.slice(0, n).join('.'))
      if (item) return item
    }
    return undefined
  }

  function setFieldErrors(errors: Record<string, string>) {
    const rest: string[] = []
    for (const [path, message] of Object.entries(errors)) {
      const item = fieldFor(path)
      if (item) {
        fromServer.add(propOf(item))
        item.validateState = 'error'
        item.validateMessage = message
      } else {
        rest.push(`${path}: ${message}`)
      }
    }
    unmatched.value = rest
  }

  function show(err: unknown) {
    if (asProblem(err)?.status === 412) {
      conflict.value = true
      return
    }
    const { [WHOLE]: _first, ...fields } = fieldErrorMap(err)
    setFieldErrors(fields)
    // What is wrong with the whole document (every unmet precondition of a close) is listed in
    // words, each of them: a field path names only its first.
    unmatched.value = [...wholeDocumentErrors(err), ...unmatched.value]
    if (!Object.keys(fields).length || unmatched.value.length) general.value = problemText(err)
  }

  /** The server's error on `prop` no longer applies (its value was edited): drop it. */
  function forget(item: FormItemContext) {
    if (!fromServer.delete(propOf(item))) return false
    item.clearValidate()
    return true
  }

  return { conflict, general, unmatched, clear, setFieldErrors, show, forget }
}

/** A form item's prop as one dotted path. */
export function propOf(item: Pick<FormItemContext, 'prop'>): string {
  const p = item.prop
  return Array.isArray(p) ? p.join('.') : String(p ?? '')
}
