import { reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance, FormRules } from 'element-plus'
import { propOf, useServerErrors } from './serverErrors'

/**
 * A form's model. Element Plus types `el-form`'s model the same way, and templates bind fields of every type to it
 * (`v-model="model.amount"`), which `unknown` would refuse.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormModel = Record<string, any>

/** The props RecordDrawer and FormDialog share: the form and what submitting it does. */
export interface SubmitFormProps {
  title: string
  model: FormModel
  rules?: FormRules
  submit: () => Promise<unknown>
  labelWidth?: string | number
  /**
   * Default `top`: labels above their fields, so long (English) labels never run into the next row;
   * `right` (with labelWidth) for short forms that want the compact layout.
   */
  labelPosition?: 'top' | 'right' | 'left'
  submitText?: string
}

export interface FormSubmitOptions {
  submit: () => Promise<unknown>
  /** The form's model, watched so an edited field's error is looked at again. */
  model?: () => FormModel
  /** After a successful submit: the caller's event, toast and closing. */
  onSaved: (result: unknown) => void
  /** The user asked to reload after a 412 conflict. */
  onReload: () => void
}

/**
 * The submit cycle RecordDrawer and FormDialog share: client rules first, one submit at a
 * time, then the server's field errors next to their items and a 412 as a "reload" conflict.
 */
export function useFormSubmit(visible: Ref<boolean>, options: FormSubmitOptions) {
  const formRef = ref<FormInstance>()
  const saving = ref(false)
  const errors = useServerErrors(formRef)

  /**
   * Element Plus renders a drawer's or dialog's footer before it first opens and keeps a
   * closed one's body; two of them on a page would then both own the submit button and the
   * `field-*` inputs. Only an open (or closing) one renders them.
   */
  const shown = ref(visible.value)
  watch(visible, (open) => {
    if (open) {
      shown.value = true
      errors.clear()
    }
  })

  /**
   * An error must follow its field's value. Element Plus re-checks a rule only on the rule's own
   * trigger (a "required" on blur stays under a field filled by typing), and a form-wide validate
   * resets every item still marked as failed without a rule of its own — a server error — to the
   * value it was mounted with (a website typed after the failed submit was sent as null). So: an
   * edited item with a client error is validated again at once; one with a server error drops it.
   * (RecordDrawer/FormDialog also turn off validate-on-rule-change, that form-wide validate.)
   */
  const seen = new Map<string, string>()
  const valueAt = (path: string) =>
    JSON.stringify(
      path
        .split('.')
        .reduce<unknown>((v, k) => (v == null ? undefined : (v as FormModel)[k]), options.model?.()),
    )
  watch(
    () => (options.model ? JSON.stringify(options.model()) : ''),
    () => {
      const form = formRef.value
      if (!form) return
      for (const item of form.fields ?? []) {
        const prop = propOf(item)
        if (!prop) continue
        const value = valueAt(prop)
        const changed = seen.has(prop) && seen.get(prop) !== value
        seen.set(prop, value)
        if (!changed || item.validateState !== 'error') continue
        if (!errors.forget(item)) void form.validateField(prop).catch(() => {})
      }
    },
    { flush: 'post' },
  )

  async function submit() {
    if (saving.value) return
    for (const item of formRef.value?.fields ?? [])
      if (propOf(item)) seen.set(propOf(item), valueAt(propOf(item)))
    errors.clear()
    const valid = await formRef.value?.validate().then(
      () => true,
      () => false,
    )
    if (valid === false) return
    saving.value = true
    try {
      options.onSaved(await options.submit())
    } catch (err) {
      errors.show(err)
    } finally {
      saving.value = false
    }
  }

  function reload() {
    errors.clear()
    options.onReload()
  }

  return {
    formRef,
    saving,
    shown,
    /** FormErrorAlerts' props: `v-bind="alerts"`. */
    alerts: reactive({ conflict: errors.conflict, general: errors.general, unmatched: errors.unmatched }),
    submit,
    reload,
    /** What the form's component exposes to its parent. */
    exposed: {
      form: formRef,
      setFieldErrors: errors.setFieldErrors,
      showError: errors.show,
      clearServerErrors: errors.clear,
    },
  }
}
