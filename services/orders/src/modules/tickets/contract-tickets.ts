import type { EntityManager } from 'typeorm'
import { defineHandlers } from '@mosaic/service-kit'

/**
 * Each ticket as the tickets service last reported it (`contract_ticket`): which contract it is
 * about and whether it is still open. Feeds the contract's closure gate "no open tickets" (SPEC §7.1,
 * decision 101).
 */

/** The numbers of the open tickets of these contracts, by contract, in number order (one query for all). */
export async function openTicketsOf(
  m: EntityManager,
  contractIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (!contractIds.length) return new Map()
  const rows = (await m.query(
    `SELECT contract_id AS "contractId", number FROM contract_ticket
      WHERE contract_id = ANY($1::uuid[]) AND open ORDER BY number`,
    [contractIds],
  )) as Array<{ contractId: string; number: string }>
  const byContract = new Map<string, string[]>()
  for (const r of rows) byContract.set(r.contractId, [...(byContract.get(r.contractId) ?? []), r.number])
  return byContract
}

export async function openTicketNumbers(m: EntityManager, contractId: string): Promise<string[]> {
  return (await openTicketsOf(m, [contractId])).get(contractId) ?? []
}

/**
 * `tickets.ticket.changed` keeps one row per ticket, the latest by the ticket's `changedAt` (an
 * older event arriving late changes nothing; the inbox drops a redelivered event id). Every ticket
 * is kept, with a contract or not: a ticket moved off a contract must stop counting there, and an
 * older event naming the old contract must not bring it back. A deleted ticket is not open.
 */
export const ticketHandlers = defineHandlers({
  'tickets.ticket.changed': async (p, { m }) => {
    await m.query(
      `INSERT INTO contract_ticket (ticket_id, contract_id, number, open, changed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE SET contract_id = EXCLUDED.contract_id,
         number = EXCLUDED.number, open = EXCLUDED.open, changed_at = EXCLUDED.changed_at
       WHERE contract_ticket.changed_at <= EXCLUDED.changed_at`,
      [p.ticketId, p.contractId, p.number, p.open && !p.deleted, p.changedAt],
    )
  },
})
