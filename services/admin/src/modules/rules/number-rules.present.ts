import type { admin } from '@mosaic/schemas'
import { exampleNumber } from '@mosaic/service-kit'
import type { NumberRuleRow } from './number-rules.entity.js'

/** The rule as the API answers it (and, without bookkeeping, as `admin.rule.changed` carries it). */
export function presentNumberRule(r: NumberRuleRow, timeZone: string, now = new Date()): admin.NumberRule {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    docType: r.docType,
    prefix: r.prefix,
    datePattern: r.datePattern,
    width: r.width,
    resetPeriod: r.resetPeriod,
    enabled: r.enabled,
    example: exampleNumber(r, now, timeZone),
  }
}
