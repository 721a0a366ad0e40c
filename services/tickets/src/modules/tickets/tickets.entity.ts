import type { Attachment, tickets } from '@mosaic/schemas'
import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface TicketRow extends RecordBase {
  number: string
  type: string
  priority: string
  status: tickets.TicketStatus
  channel: tickets.TicketChannel
  customerId: string
  customerName: string
  contactId: string | null
  contactName: string | null
  contractId: string | null
  contractNumber: string | null
  orderId: string | null
  orderNumber: string | null
  title: string
  description: string
  assigneeId: string | null
  assigneeName: string | null
  deptId: string | null
  responseDueAt: Date | null
  resolutionDueAt: Date | null
  respondedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  responseBreached: boolean
  resolutionBreached: boolean
  /** The breach round published this ticket's breach of that kind (once per kind and due time). */
  responseBreachTold: boolean
  resolutionBreachTold: boolean
  resolution: string | null
  satisfaction: number | null
  feedback: string | null
  reopenCount: number
  /** The kit's attachment policy reads carriers' files from a jsonb array (`[{ id, name, … }]`). */
  images: Attachment[]
}

const text = (length: number, name?: string) =>
  ({ type: 'varchar', length, nullable: true, ...(name ? { name } : {}) }) as const
const uuid = (name: string, nullable = true) => ({ type: 'uuid', name, nullable }) as const
const at = (name: string) => ({ type: 'timestamptz', name, nullable: true }) as const
const flag = (name: string) => ({ type: 'boolean', name }) as const

export const TicketEntity = recordEntity<TicketRow>('Ticket', 'ticket', {
  number: { type: 'varchar', length: 40 },
  type: { type: 'varchar', length: 40 },
  priority: { type: 'varchar', length: 40 },
  status: { type: 'varchar', length: 20 },
  channel: { type: 'varchar', length: 20 },
  customerId: uuid('customer_id', false),
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  contactId: uuid('contact_id'),
  contactName: text(100, 'contact_name'),
  contractId: uuid('contract_id'),
  contractNumber: text(40, 'contract_number'),
  orderId: uuid('order_id'),
  orderNumber: text(40, 'order_number'),
  title: { type: 'varchar', length: 200 },
  description: { type: 'text' },
  assigneeId: uuid('assignee_id'),
  assigneeName: text(100, 'assignee_name'),
  deptId: uuid('dept_id'),
  responseDueAt: at('response_due_at'),
  resolutionDueAt: at('resolution_due_at'),
  respondedAt: at('responded_at'),
  resolvedAt: at('resolved_at'),
  closedAt: at('closed_at'),
  responseBreached: flag('response_breached'),
  resolutionBreached: flag('resolution_breached'),
  responseBreachTold: flag('response_breach_told'),
  resolutionBreachTold: flag('resolution_breach_told'),
  resolution: { type: 'text', nullable: true },
  satisfaction: { type: 'int', nullable: true },
  feedback: text(1000),
  reopenCount: { type: 'int', name: 'reopen_count' },
  images: { type: 'jsonb' },
})
