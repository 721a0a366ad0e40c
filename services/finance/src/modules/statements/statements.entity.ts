import { EntitySchema } from 'typeorm'
import type { finance } from '@mosaic/schemas'

/**
 * A contact's answer to a statement (对账确认). Not a RecordStore record: an answer is never edited,
 * versioned or deleted; a later answer for the same period simply becomes the latest.
 */
export interface StatementResponseRow {
  id: string
  customerId: string
  customerName: string
  /** date: read back as YYYY-MM-DD. */
  periodFrom: string
  periodTo: string
  status: finance.StatementResponse['status']
  note: string | null
  accountId: string
  respondentName: string
  respondedAt: Date
  digest: string
  /** numeric(18,2): read back as text. */
  outstandingAtEnd: string
  receivedInPeriod: string
  invoicedInPeriod: string
}

const money = (name: string) => ({ type: 'numeric', precision: 18, scale: 2, name }) as const

export const StatementResponseEntity = new EntitySchema<StatementResponseRow>({
  name: 'StatementResponse',
  tableName: 'statement_response',
  columns: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid', name: 'customer_id' },
    customerName: { type: 'varchar', length: 200, name: 'customer_name' },
    periodFrom: { type: 'date', name: 'period_from' },
    periodTo: { type: 'date', name: 'period_to' },
    status: { type: 'varchar', length: 20 },
    note: { type: 'varchar', length: 1000, nullable: true },
    accountId: { type: 'uuid', name: 'account_id' },
    respondentName: { type: 'varchar', length: 100, name: 'respondent_name' },
    respondedAt: { type: 'timestamptz', name: 'responded_at' },
    digest: { type: 'varchar', length: 64 },
    outstandingAtEnd: money('outstanding_at_end'),
    receivedInPeriod: money('received_in_period'),
    invoicedInPeriod: money('invoiced_in_period'),
  },
})

export function presentResponse(row: StatementResponseRow): finance.StatementResponse {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    from: row.periodFrom,
    to: row.periodTo,
    status: row.status,
    note: row.note,
    accountId: row.accountId,
    respondentName: row.respondentName,
    respondedAt: row.respondedAt.toISOString(),
    digest: row.digest,
    outstandingAtEnd: row.outstandingAtEnd,
    receivedInPeriod: row.receivedInPeriod,
    invoicedInPeriod: row.invoicedInPeriod,
  }
}
