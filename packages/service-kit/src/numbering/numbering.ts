import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import { DEFAULT_TIME_ZONE, datePartsIn, formatNumber, periodKey, type NumberFormat } from '@mosaic/numbering'
import { numberRuleFor } from '../replica/rules.js'

/** Formatting is shared with the admin screen's preview, so it lives in @mosaic/numbering. */
export {
  DEFAULT_TIME_ZONE,
  datePartsIn,
  exampleNumber,
  formatNumber,
  periodKey,
  type DateParts,
  type NumberFormat,
} from '@mosaic/numbering'

export type NumberRuleSpec = NumberFormat & { docType: string; resetPeriod: admin.ResetPeriod }

export interface NumberOptions {
  /** When the document is created; default now. */
  at?: Date
  /** Default Asia/Shanghai; services pass their BUSINESS_TIME_ZONE. */
  timeZone?: string
}

/**
 * The next number for `rule`, inside the caller's transaction. One atomic upsert both creates the
 * period's counter and increments it, so concurrent creates never share a number: a second
 * transaction waits on the counter row until the first commits or rolls back. The row stays
 * locked until the caller's transaction ends, so keep document creation short. A rollback
 * returns its number to the counter; numbers may still have gaps (e.g. a document deleted later).
 */
export async function nextNumber(
  m: EntityManager,
  rule: NumberRuleSpec,
  opts: NumberOptions = {},
): Promise<string> {
  const at = opts.at ?? new Date()
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE
  const [row] = await m.query(
    `INSERT INTO number_sequence (doc_type, period, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (doc_type, period) DO UPDATE SET last_value = number_sequence.last_value + 1
     RETURNING last_value`,
    [rule.docType, periodKey(rule, at, timeZone)],
  )
  // bigint arrives as a string; it is printed, never computed with, so it stays one.
  return formatNumber(rule, String(row.last_value), datePartsIn(at, timeZone))
}

/** The next number for a document type under the rule the service holds (replica, else the default). */
export async function issueNumber(
  m: EntityManager,
  docType: admin.NumberedDocType,
  opts: NumberOptions = {},
): Promise<string> {
  return nextNumber(m, await numberRuleFor(m, docType), opts)
}
