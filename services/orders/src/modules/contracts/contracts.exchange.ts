import { orders, sales } from '@mosaic/schemas'
import {
  existingMatches,
  scopedKey,
  parseOrThrow,
  problem,
  type AggregateContext,
  type ExchangeSpec,
  type ImportValues,
  type ReadResult,
  type RefResolver,
  type ScopedRefResolver,
  type TextReader,
} from '@mosaic/service-kit'
import { pick } from '../products/products.exchange.js'
import { products } from '../products/products.service.js'
import type { ContractRow } from './contracts.entity.js'
import { createContract, listContracts, removeContract, updateContract } from './contracts.service.js'
import { contracts } from './contracts.store.js'
import type { ContractDeps } from './contracts.values.js'

const label = (zh: string, en: string) => ({ zh, en })

/** A status as the contracts page shows it (the export writes names, never codes). */
const CONTRACT_STATUS_LABELS: Record<orders.ContractStatus, { zh: string; en: string }> = {
  draft: label('草稿', 'Draft'),
  pending: label('审批中', 'In approval'),
  approved: label('已生效', 'In force'),
  closing: label('结单审批中', 'Closing, in approval'),
  completed: label('已完成', 'Completed'),
  closed: label('已关闭', 'Closed'),
  rejected: label('已驳回', 'Rejected'),
  terminated: label('已终止', 'Terminated'),
  voided: label('已作废', 'Voided'),
}

/**
 * A contract's lines in one cell, `CODE × QTY @ PRICE [-DISCOUNT%] [tax RATE%]` separated by `;` or
 * new lines: the product by its code, the tax-included unit price, discount and tax rate as the
 * contract stores them (price and rate default to the product's, as on the form).
 */
const LINE =
  /^([A-Za-z0-9][A-Za-z0-9-]*)\s*[×xX*]\s*(\d+(?:\.\d+)?)(?:\s*@\s*(\d+(?:\.\d+)?))?(?:\s*-\s*(\d+(?:\.\d+)?)%)?(?:\s*(?:tax|税率?)\s*(\d+(?:\.\d+)?)%)?$/i

interface ParsedLine {
  code: string
  quantity: string
  unitPrice?: string
  discountPercent?: string
  taxRate?: string
}

const splitLines = (text: string) =>
  text
    .split(/[;；\n]/)
    .map((l) => l.trim())
    .filter(Boolean)

function parseLine(text: string): ParsedLine | null {
  const match = LINE.exec(text)
  if (!match) return null
  const [, code, quantity, unitPrice, discountPercent, taxRate] = match
  return { code: code!, quantity: quantity!, unitPrice, discountPercent, taxRate }
}

/** A stored line in the cell's form (what `parseLine` reads back). */
export function lineText(line: orders.ContractLine): string {
  const discount = Number(line.discountPercent) ? ` -${line.discountPercent}%` : ''
  const quantity = line.quantity.includes('.') ? line.quantity.replace(/\.?0+$/, '') : line.quantity
  return `${line.productCode} × ${quantity} @ ${line.unitPrice}${discount} tax ${line.taxRate}%`
}

/** Every lines cell of a file at once: one product query for all the codes they name. */
export const linesReader: TextReader = {
  async read(m, _ctx, texts) {
    const parsed = new Map(texts.map((t) => [t, splitLines(t).map((l) => [l, parseLine(l)] as const)]))
    const codes = new Set<string>()
    for (const lines of parsed.values()) for (const [, p] of lines) if (p) codes.add(p.code.toLowerCase())
    const found = codes.size
      ? await products
          .repo(m)
          .createQueryBuilder('p')
          .where('p.deleted_at IS NULL AND lower(p.code) IN (:...codes)', { codes: [...codes] })
          .getMany()
      : []
    const idOf = new Map(found.map((p) => [p.code.toLowerCase(), p.id]))
    const results = new Map<string, ReadResult>()
    for (const [text, lines] of parsed) results.set(text, readLines(lines, idOf))
    return results
  },
}

function readLines(lines: (readonly [string, ParsedLine | null])[], idOf: Map<string, string>): ReadResult {
  const inputs: orders.ContractLineInput[] = []
  for (const [text, line] of lines) {
    if (!line) return { problem: 'orders.contract.import_line_format', params: { value: text } }
    const productId = idOf.get(line.code.toLowerCase())
    if (!productId) return { problem: 'import.unknown_ref', params: { value: line.code } }
    const { code: _code, ...figures } = line
    inputs.push({ productId, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v)) } as never)
  }
  return { value: inputs }
}

/** The longest name or number sales' customer lookup takes. */
const CUSTOMER_TEXT_MAX = 200

/**
 * Customers by name (case and spaces ignored) or number, as sales answers for the importing user's
 * data scope: one internal call per chunk of the file's distinct names.
 */
export function salesCustomerRef(deps: ContractDeps): RefResolver {
  return {
    async ids(_m, ctx, texts) {
      const found = new Map<string, string>()
      const key = (t: string) => t.toLowerCase().replace(/[\s\u3000]/g, '')
      // Longer than any name or number: unknown without asking (sales would refuse the whole call).
      const askable = texts.filter((t) => t.trim() && t.length <= CUSTOMER_TEXT_MAX)
      for (let i = 0; i < askable.length; i += sales.CUSTOMER_LOOKUP_MAX) {
        const chunk = askable.slice(i, i + sales.CUSTOMER_LOOKUP_MAX)
        const { items } = await lookup(deps, ctx, chunk)
        for (const c of items)
          for (const text of chunk) if (text === c.number || key(text) === key(c.name)) found.set(text, c.id)
      }
      return found
    },
    // The contract keeps its customer's name (a snapshot): export reads it from the list item.
    names: async () => new Map(),
  }
}

const lookup = (deps: ContractDeps, ctx: AggregateContext, texts: string[]) =>
  internalLookup<sales.CustomerLookupResult>(deps, ctx, '/customers/lookup', { texts })

/** One of sales' import lookups, for the importing user's data scope. */
async function internalLookup<R>(
  deps: ContractDeps,
  ctx: AggregateContext,
  path: string,
  body: Record<string, unknown>,
): Promise<R> {
  const p = ctx.principal
  try {
    return await deps.serviceClient.internalFetch<R>('sales', path, {
      method: 'POST',
      body: { ...body, userId: p.userId, dataScope: p.dataScope, deptIds: p.scopeDeptIds ?? [] },
    })
  } catch {
    throw problem(503, 'orders.sales_unavailable')
  }
}

/**
 * A contract's contact by name among its row's customer's contacts, as sales answers for the
 * importing user's data scope: one internal call per chunk of the file's distinct (customer, name)
 * pairs. Sales compares names trimmed and case-insensitively; where two contacts of a customer
 * share the name it answers the primary one, else the first added.
 */
export function salesContactRef(deps: ContractDeps): ScopedRefResolver {
  return {
    within: 'customerId',
    unknown: 'orders.contract.import_unknown_contact',
    async ids(_m, ctx, pairs) {
      const found = new Map<string, string>()
      const key = (customerId: string, name: string) => scopedKey(customerId, name.trim().toLowerCase())
      // Longer than any contact name: unknown without asking (sales would refuse the whole call).
      const askable = pairs.filter((p) => p.text.trim() && p.text.trim().length <= sales.CONTACT_NAME_MAX)
      for (let i = 0; i < askable.length; i += sales.CONTACT_LOOKUP_MAX) {
        const chunk = askable.slice(i, i + sales.CONTACT_LOOKUP_MAX)
        const { items } = await internalLookup<sales.ContactLookupResult>(deps, ctx, '/contacts/lookup', {
          pairs: chunk.map((p) => ({ customerId: p.within, name: p.text.trim() })),
        })
        const idOf = new Map(items.map((c) => [key(c.customerId, c.name), c.id]))
        for (const p of chunk) {
          const id = idOf.get(key(p.within, p.text))
          if (id) found.set(scopedKey(p.within, p.text), id)
        }
      }
      return found
    },
  }
}

const EDITABLE = [
  'name',
  'customerId',
  'contactId',
  'lines',
  'paymentMethod',
  'prepayRatio',
  'retentionRatio',
  'warrantyMonths',
  'invoiceType',
  'invoiceTitle',
  'invoiceTaxNumber',
  'invoiceAddressPhone',
  'invoiceBank',
  'invoiceAccount',
  'deliveryDate',
  'consignee',
  'consigneePhone',
  'deliveryAddress',
  'signDate',
  'startDate',
  'endDate',
  'remark',
] as const

const contractCreate = (v: ImportValues) =>
  parseOrThrow(orders.ContractCreate, pick(v, EDITABLE)) as orders.ContractCreate
const contractUpdate = (v: ImportValues) =>
  parseOrThrow(orders.ContractUpdate, pick(v, EDITABLE)) as orders.ContractUpdate

/**
 * Contracts: business key = the number the service issued (optional: a row without one, or with a
 * number this system never issued, is a new draft under a new number). Created and updated through
 * the contract's own rules: a draft owned by the importer, an update only while draft or rejected.
 */
export function contractExchange(deps: ContractDeps): ExchangeSpec<ContractRow, orders.ContractListQuery> {
  const text = (key: string, zh: string, en: string, maxLength: number) =>
    ({ key, label: label(zh, en), kind: 'text', maxLength }) as const
  return {
    resource: 'orders.contract',
    path: '/contracts',
    title: label('合同', 'Contracts'),
    store: contracts,
    listQuery: orders.ContractListQuery,
    fields: [
      {
        key: 'number',
        label: label('合同编号', 'Number'),
        kind: 'text',
        businessKey: true,
        keyOptional: true,
        maxLength: 40,
        example: '',
      },
      { ...text('name', '合同名称', 'Name', 200), required: true },
      {
        key: 'customerId',
        label: label('客户', 'Customer'),
        kind: 'ref',
        ref: salesCustomerRef(deps),
        required: true,
        exportValue: (c) => c.customerName,
      },
      {
        key: 'lines',
        label: label('产品明细', 'Lines'),
        kind: 'text',
        reader: linesReader,
        required: true,
        maxLength: 20000,
        exportValue: (c) => (c.lines as orders.ContractLine[]).map(lineText).join('; '),
        example: 'HW-001 × 2 @ 12800.00 tax 13%',
      },
      { key: 'total', label: label('合同金额', 'Amount'), kind: 'money', readOnly: true },
      {
        key: 'status',
        label: label('状态', 'Status'),
        kind: 'text',
        readOnly: true,
        exportLabels: CONTRACT_STATUS_LABELS,
      },
      { key: 'ownerId', label: label('负责人', 'Owner'), kind: 'user', readOnly: true },
      {
        key: 'contactId',
        label: label('联系人', 'Contact'),
        kind: 'ref',
        scopedRef: salesContactRef(deps),
        // The contract keeps its contact's name (a snapshot): export reads it from the list item.
        exportValue: (c) => c.contactName,
      },
      { key: 'signDate', label: label('签订日期', 'Sign date'), kind: 'date' },
      { key: 'startDate', label: label('开始日期', 'Start date'), kind: 'date' },
      { key: 'endDate', label: label('结束日期', 'End date'), kind: 'date' },
      {
        key: 'paymentMethod',
        label: label('付款方式', 'Payment method'),
        kind: 'dict',
        dict: 'payment_method',
      },
      { key: 'prepayRatio', label: label('预付比例(%)', 'Prepayment (%)'), kind: 'money' },
      { key: 'retentionRatio', label: label('质保金比例(%)', 'Retention (%)'), kind: 'money' },
      { key: 'warrantyMonths', label: label('质保期(月)', 'Warranty (months)'), kind: 'number' },
      { key: 'invoiceType', label: label('发票类型', 'Invoice type'), kind: 'dict', dict: 'invoice_type' },
      text('invoiceTitle', '发票抬头', 'Invoice title', 200),
      text('invoiceTaxNumber', '税号', 'Tax number', 40),
      text('invoiceAddressPhone', '开票地址电话', 'Invoice address and phone', 300),
      text('invoiceBank', '开户行', 'Bank', 200),
      text('invoiceAccount', '银行账号', 'Bank account', 60),
      { key: 'deliveryDate', label: label('交货日期', 'Delivery date'), kind: 'date' },
      text('consignee', '收货人', 'Consignee', 100),
      text('consigneePhone', '收货人电话', 'Consignee phone', 40),
      text('deliveryAddress', '收货地址', 'Delivery address', 300),
      text('remark', '备注', 'Remark', 2000),
      { key: 'createdAt', label: label('创建时间', 'Created'), kind: 'datetime', readOnly: true },
    ],
    list: (m, ctx, query) => listContracts(m, ctx, query),
    async findExisting(m, ctx, keys) {
      const rows = await contracts
        .repo(m)
        .createQueryBuilder('c')
        .where('c.deleted_at IS NULL')
        .andWhere('lower(c.number) IN (:...numbers)', { numbers: keys.map((k) => k[0]!) })
        .getMany()
      return existingMatches(m, ctx, contracts, rows, { keys, keyOf: (c) => [c.number], outside: 'refuse' })
    },
    check: (v, mode) => void (mode === 'create' ? contractCreate(v) : contractUpdate(v)),
    create: (m, ctx, v) => createContract(m, ctx, deps, contractCreate(v)),
    update: (m, ctx, id, version, v) => updateContract(m, ctx, deps, id, version, contractUpdate(v)),
    remove: removeContract,
  }
}
