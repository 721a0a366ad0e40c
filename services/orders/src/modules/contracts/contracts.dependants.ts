import type { EntityManager } from 'typeorm'
import type { orders } from '@mosaic/schemas'

/** How many examples a dependant kind names (the confirmation and the 409 list them). */
const EXAMPLES = 5

/**
 * One kind of document that depends on a contract: how to find the live ones. A new kind (sales
 * orders in this service; receivables and invoices once finance replicates them here) is one
 * entry of `DEPENDANT_SOURCES`; the delete guard, the void guard and the confirmation read them all.
 */
export interface DependantSource {
  kind: orders.ContractDependantKind
  /** The live dependants' numbers (or titles), oldest first; an empty list when there are none. */
  find: (m: EntityManager, contractId: string) => Promise<string[]>
  /** How many there are, when the service knows a count but not the documents (finance's). */
  count?: (m: EntityManager, contractId: string) => Promise<number>
}

/** Rows of `table` whose `contract_id` is the contract and that are not in the recycle bin, by `label`. */
export function tableSource(
  kind: orders.ContractDependantKind,
  table: string,
  label = 'number',
  /** A further condition of a live row (SQL on the table's columns), e.g. not cancelled. */
  live = 'true',
): DependantSource {
  return {
    kind,
    find: async (m, contractId) => {
      const rows = (await m.query(
        `SELECT ${label} AS label FROM ${table}
          WHERE contract_id = $1 AND deleted_at IS NULL AND (${live}) ORDER BY created_at, id`,
        [contractId],
      )) as Array<{ label: string }>
      return rows.map((r) => r.label)
    },
  }
}

/**
 * Finance's documents of the contract, as counted in `contract_receivable` (finance's latest
 * report): `column` > 0 is a dependant of `kind`, named by its count (language-neutral: the UI
 * says "N payments" / "N 笔回款" by the kind).
 */
export function financeSource(
  kind: orders.ContractDependantKind,
  column: 'payment_count' | 'invoice_count',
): DependantSource {
  return {
    kind,
    count: async (m, contractId) => {
      const rows = (await m.query(
        `SELECT ${column} AS n FROM contract_receivable WHERE contract_id = $1 AND ${column} > 0`,
        [contractId],
      )) as Array<{ n: number }>
      return rows[0]?.n ?? 0
    },
    find: async () => [],
  }
}

/**
 * What may depend on a contract, kind by kind. Sales orders (SPEC 2.4) live in `sales_order`; a
 * cancelled one performed nothing and does not hold the contract (decision §71). Payments
 * (`receivable`) and invoices are finance's, counted from its reports (decision 87).
 */
export const DEPENDANT_SOURCES: DependantSource[] = [
  tableSource('order', 'sales_order', 'number', "status <> 'cancelled'"),
  financeSource('receivable', 'payment_count'),
  financeSource('invoice', 'invoice_count'),
]

/** What depends on the contract, one entry per kind that has any (count and a few examples). */
export async function contractDependants(
  m: EntityManager,
  contractId: string,
  sources: readonly DependantSource[] = DEPENDANT_SOURCES,
): Promise<orders.ContractDependant[]> {
  const out: orders.ContractDependant[] = []
  for (const source of sources) {
    const found = await source.find(m, contractId)
    const count = source.count ? await source.count(m, contractId) : found.length
    if (count) out.push({ kind: source.kind, count, examples: found.slice(0, EXAMPLES) })
  }
  return out
}

/** The dependants as one language-neutral list for a problem's params: their numbers. */
export function dependantList(dependants: readonly orders.ContractDependant[]): string {
  return dependants
    .map((d) => {
      if (!d.examples.length) return `${d.kind} × ${d.count}`
      return d.count > d.examples.length ? `${d.examples.join(', ')}, …` : d.examples.join(', ')
    })
    .join('; ')
}
