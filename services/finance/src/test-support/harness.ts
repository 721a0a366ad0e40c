import { randomUUID } from 'node:crypto'
import { PERMISSIONS } from '@mosaic/permissions'
import type { ContractApprovedPayload, EventPayloadInput } from '@mosaic/schemas'
import type { DomainServiceOptions } from '@mosaic/service-kit'
import { postEvent, startServiceHarness } from '@mosaic/service-kit/testing'
import { FinanceConfig } from '../config.js'
import { buildFinanceService } from '../app.js'

export const ALL_FINANCE = PERMISSIONS.filter((p) => p.service === 'finance').map((p) => p.code as string)

/**
 * A real finance service on a fresh database, trusting tokens minted here. `user()` signs in a user
 * holding every finance permission unless told otherwise, and puts them into the user replica.
 * `restartable`: `h.stop()` / `h.restart()` bring it down and up again on the same database.
 */
export function startFinance(
  env: Record<string, string> = {},
  options: Omit<DomainServiceOptions, 'verifier'> = {},
  harness: { restartable?: boolean } = {},
) {
  return startServiceHarness({
    name: 'finance',
    config: (e) => FinanceConfig.parse(e),
    build: (config, { verifier }) => buildFinanceService(config, { ...options, verifier }),
    env,
    permissions: ALL_FINANCE,
    ...harness,
  })
}

export type FinanceHarness = Awaited<ReturnType<typeof startFinance>>

type ApprovedOverrides = Partial<Omit<ContractApprovedPayload, 'amounts'>> & {
  amounts?: Partial<ContractApprovedPayload['amounts']>
}

/**
 * An `orders.contract.approved` payload: a contract of 100,000.00 signed 2026-01-10 with 30%
 * prepayment, 5% retention and 12 months' warranty, owned by `owner` in `deptId`; `over` replaces fields.
 */
export function approvedContract(
  owner: { id: string; deptId?: string | null },
  over: ApprovedOverrides = {},
): EventPayloadInput<'orders.contract.approved'> {
  const id = over.id ?? randomUUID()
  const { amounts, ...rest } = over
  return {
    id,
    number: `HT${id.slice(0, 8).toUpperCase()}`,
    name: '年度供货合同',
    customerId: randomUUID(),
    customerName: '华东制造有限公司',
    ownerId: owner.id,
    ownerName: '销售代表',
    deptId: owner.deptId ?? null,
    revision: 1,
    amounts: {
      total: '100000.00',
      subtotal: '88495.58',
      taxTotal: '11504.42',
      prepayRatio: '30.00',
      retentionRatio: '5.00',
      warrantyMonths: 12,
      ...amounts,
    },
    invoiceInfo: { type: 'vat_special', title: '华东制造有限公司', taxNumber: '91310000MA1FL0000X' },
    signDate: '2026-01-10',
    startDate: '2026-01-15',
    endDate: '2026-12-31',
    lines: [],
    ...rest,
  }
}

type ContractTopic = 'orders.contract.approved' | 'orders.contract.changed' | 'orders.contract.voided'

/** Delivers an orders event to finance's inbox, as orders' dispatcher does (same `id` = a redelivery). */
export const fromOrders = <T extends ContractTopic>(
  h: FinanceHarness,
  secret: string,
  topic: T,
  payload: EventPayloadInput<T>,
  opts: { id?: string } = {},
) => postEvent(h.base, secret, topic, payload, opts)
