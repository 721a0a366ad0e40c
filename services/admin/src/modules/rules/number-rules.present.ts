import { admin } from '@mosaic/schemas'
import { exampleNumber, presentBy } from '@mosaic/service-kit'
import type { NumberRuleRow } from './number-rules.entity.js'

const numberRule = presentBy(admin.NumberRule)

/** The rule as the API answers it (and, without bookkeeping, as `admin.rule.changed` carries it). */
export function presentNumberRule(r: NumberRuleRow, timeZone: string, now = new Date()): admin.NumberRule {
  return numberRule({ ...r, example: exampleNumber(r, now, timeZone) })
}
