import { admin } from '@mosaic/schemas'
import { DEFAULT_TIME_ZONE, exampleNumber } from '@mosaic/numbering'

export interface NumberRuleForm {
  docType: admin.NumberedDocType | ''
  prefix: string
  datePattern: admin.DatePattern
  width: number
  resetPeriod: admin.ResetPeriod
  enabled: boolean
}

export function numberRuleFormOf(r: admin.NumberRule | null): NumberRuleForm {
  const d = admin.DEFAULT_NUMBER_RULES.customer
  return {
    docType: r?.docType ?? '',
    prefix: r?.prefix ?? '',
    datePattern: r?.datePattern ?? d.datePattern,
    width: r?.width ?? d.width,
    resetPeriod: r?.resetPeriod ?? d.resetPeriod,
    enabled: r?.enabled ?? true,
  }
}

/**
 * The number the form's rule would issue first today. The formatter is the one the services use;
 * the date is the default business time zone's (the admin screen does not know a server override).
 */
export function numberPreview(f: NumberRuleForm, at: Date = new Date()): string {
  return exampleNumber({ ...f, prefix: f.prefix.trim() }, at, DEFAULT_TIME_ZONE)
}

/** Resets that would not repeat numbers under `pattern` (the server rejects the others). */
export function allowedResets(pattern: admin.DatePattern): admin.ResetPeriod[] {
  return admin.RESET_PERIODS.filter((r) => admin.resetPeriodProblem(pattern, r) === null)
}

/** Every editable field, so what is saved is exactly what the preview showed. */
export function numberRuleUpdateBody(f: NumberRuleForm) {
  return {
    prefix: f.prefix.trim(),
    datePattern: f.datePattern,
    width: f.width,
    resetPeriod: f.resetPeriod,
    enabled: f.enabled,
  } satisfies admin.NumberRuleUpdate
}

export function numberRuleCreateBody(f: NumberRuleForm): admin.NumberRuleCreate {
  return { docType: f.docType as admin.NumberedDocType, ...numberRuleUpdateBody(f) }
}
