import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { postEvent } from '@mosaic/service-kit/testing'
import type { OrdersHarness } from './harness.js'

/** The figures of a `finance.receivable.progressed` report a test chooses (the rest follow). */
export interface ReceivableFigures {
  received: string
  invoiced?: string
  paymentCount?: number
  invoiceCount?: number
  /** ISO; defaults to now. */
  progressedAt?: string
}

/**
 * Finance reports a contract's receivable to orders (its inbox, signed as finance): `received` of
 * the contract's `total`, invoiced as much unless told; outstanding and the percent follow.
 */
export async function reportReceivable(
  h: OrdersHarness,
  secret: string,
  contract: { id: string; number: string; total: string },
  figures: ReceivableFigures,
) {
  const total = Number(contract.total)
  const received = Number(figures.received)
  const res = await postEvent(h.base, secret, 'finance.receivable.progressed', {
    receivableId: randomUUID(),
    contractId: contract.id,
    contractNumber: contract.number,
    customerId: randomUUID(),
    customerName: '顶点科技',
    ownerId: null,
    deptId: null,
    status: received >= total ? 'collected' : 'open',
    total: contract.total,
    received: figures.received,
    outstanding: Math.max(0, total - received).toFixed(2),
    collectedPercent: total ? Math.min(100, Math.floor((received / total) * 10000) / 100).toFixed(2) : '0.00',
    invoiced: figures.invoiced ?? figures.received,
    paymentCount: figures.paymentCount ?? (received > 0 ? 1 : 0),
    invoiceCount: figures.invoiceCount ?? 0,
    instalmentsPaid: 0,
    instalmentCount: 1,
    overdue: false,
    progressedAt: figures.progressedAt ?? new Date().toISOString(),
  })
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
}
