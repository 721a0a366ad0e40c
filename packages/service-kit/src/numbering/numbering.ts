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
  const [number] = await nextNumbers(m, rule, 1, opts)
  return number!
}

/**
 * `count` consecutive numbers in one step of the counter (a batch's), in order. The counter row
 * stays locked until the transaction ends, as for one number.
 */
export async function nextNumbers(
  m: EntityManager,
  rule: NumberRuleSpec,
  count: number,
  opts: NumberOptions = {},
): Promise<string[]> {
  if (count < 1) return []
  const at = opts.at ?? new Date()
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE
  const [row] = await m.query(
    `INSERT INTO number_sequence (doc_type, period, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (doc_type, period) DO UPDATE SET last_value = number_sequence.last_value + $3
     RETURNING last_value`,
    [rule.docType, periodKey(rule, at, timeZone), count],
  )
  // bigint arrives as a string; counted in BigInt so a long-lived counter never loses digits.
  const first = BigInt(row.last_value) - BigInt(count) + 1n
  const parts = datePartsIn(at, timeZone)
  return Array.from({ length: count }, (_, i) => formatNumber(rule, String(first + BigInt(i)), parts))
}

export async function issueNumber(
  m: EntityManager,
  docType: admin.NumberedDocType,
  opts: NumberOptions = {},
): Promise<string> {
  return nextNumber(m, await numberRuleFor(m, docType), opts)
}

/** `count` numbers of a document type at once (a batch), in order. */
export async function issueNumbers(
  m: EntityManager,
  docType: admin.NumberedDocType,
  count: number,
  opts: NumberOptions = {},
): Promise<string[]> {
  return nextNumbers(m, await numberRuleFor(m, docType), count, opts)
}
