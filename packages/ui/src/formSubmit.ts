import { reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance, FormRules } from 'element-plus'
import { useServerErrors } from './serverErrors'

/** The props RecordDrawer and FormDialog share: the form and what submitting it does. */
export interface SubmitFormProps {
  title: string
  model: Record<string, any>
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

  async function submit() {
    if (saving.value) return
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
