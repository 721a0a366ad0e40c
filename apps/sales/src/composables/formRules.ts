import type { FormItemRule } from 'element-plus'
import { useText } from './useText'

type Trigger = 'blur' | 'change'

/** The validation rules sales forms share, with their messages. */
export function useFormRules() {
  const { t } = useText()
  return {
    /** "Please enter <label>"; `whitespace` also turns away text that is only blanks. */
    required: (label: string, o: { whitespace?: boolean; trigger?: Trigger } = {}): FormItemRule => ({
      required: true,
      ...(o.whitespace ? { whitespace: true } : {}),
      message: t('common.pleaseEnter', { field: label }),
      trigger: o.trigger ?? 'blur',
    }),
    email: (): FormItemRule => ({
      type: 'email',
      message: t('common.invalidFormat', { field: t('sales.common.email') }),
      trigger: 'blur',
    }),
  }
}
