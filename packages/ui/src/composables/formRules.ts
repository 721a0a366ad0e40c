import type { FormItemRule } from 'element-plus'
import { EMAIL_PATTERN, PATTERN_CODES, PHONE_PATTERN, WEBSITE_PATTERN } from '@mosaic/schemas/patterns'
import { translateCode } from '@mosaic/web-kit'
import { useText } from './useText'

/** The server's own format check, with the server's own message (its catalog code), blanks allowed. */
const format = (pattern: RegExp, code: string): FormItemRule => ({
  validator: (_rule, value: unknown, cb) =>
    typeof value !== 'string' || !value.trim() || pattern.test(value.trim())
      ? cb()
      : cb(new Error(translateCode(code) ?? code)),
  trigger: 'blur',
})

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
    /** Same patterns as `@mosaic/schemas` (the service refuses exactly what these refuse). */
    email: (): FormItemRule => format(EMAIL_PATTERN, PATTERN_CODES.email),
    phone: (): FormItemRule => format(PHONE_PATTERN, PATTERN_CODES.phone),
    website: (): FormItemRule => format(WEBSITE_PATTERN, PATTERN_CODES.website),
  }
}
