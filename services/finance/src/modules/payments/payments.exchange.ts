import { finance } from '@mosaic/schemas'
import {
  existingMatches,
  parseOrThrow,
  type DomainDeps,
  type ExchangeSpec,
  type ImportValues,
  type RefResolver,
} from '@mosaic/service-kit'
import { receivables } from '../receivables/receivables.store.js'
import type { PaymentRow } from './payments.entity.js'
import { createPayment, listPayments, removePayment, updatePayment } from './payments.service.js'
import { payments } from './payments.store.js'

const label = (zh: string, en: string) => ({ zh, en })

/** Only the named keys that have a value: an empty cell never reaches the domain function. */
const pick = (values: ImportValues, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]))

const CREATE = ['receivableId', 'amount', 'paidOn', 'method', 'payer', 'reference', 'note'] as const
/** The amount never changes (delete and record again); date and contract are the key. */
const UPDATE = ['method', 'payer', 'reference', 'note', 'commissionSettled'] as const

const paymentCreate = (v: ImportValues) =>
  parseOrThrow(finance.PaymentCreate, pick(v, CREATE)) as finance.PaymentCreate
const paymentUpdate = (v: ImportValues) =>
  parseOrThrow(finance.PaymentUpdate, pick(v, UPDATE)) as finance.PaymentUpdate

/** Money compared by value: `100.5` and `100.50` are one amount (other key parts as they are). */
const sameMoney = (part: string) =>
  /^-?\d+\.\d+$/.test(part.trim()) ? part.trim().replace(/\.?0+$/, '') : part.trim().toLowerCase()

/** A payment's contract by its number: the contract's receivable, among those the caller sees. */
export const contractReceivableRef: RefResolver = {
  async ids(m, ctx, texts) {
    const qb = receivables
      .repo(m)
      .createQueryBuilder('r')
      .select(['r.id', 'r.contractNumber'])
      .where('r.deleted_at IS NULL')
      .andWhere('lower(r.contract_number) IN (:...numbers)', { numbers: texts.map((t) => t.toLowerCase()) })
    const scope = receivables.scopeWhere(ctx.principal, 'r')
    if (scope) qb.andWhere(scope.sql, scope.params)
    const rows = await qb.getMany()
    const byNumber = new Map(rows.map((r) => [r.contractNumber.toLowerCase(), r.id]))
    const found = new Map<string, string>()
    for (const text of texts) {
      const id = byNumber.get(text.toLowerCase())
      if (id) found.set(text, id)
    }
    return found
  },
  async names(m, ids) {
    const rows: { id: string; contract_number: string }[] = await m.query(
      'SELECT id, contract_number FROM receivable WHERE id = ANY($1::uuid[])',
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.contract_number]))
  },
}

/**
 * Payments (回款): the number is the service's, so the business key is the contract (by its number)
 * + the date paid + the amount. Each imported payment is recorded through payments' own rule:
 * pending, with its approval requested, never more than the receivable has open.
 */
export function paymentExchange(deps: DomainDeps): ExchangeSpec<PaymentRow, finance.PaymentListQuery> {
  return {
    resource: 'finance.payment',
    path: '/payments',
    title: label('回款', 'Payments'),
    store: payments,
    listQuery: finance.PaymentListQuery,
    fields: [
      { key: 'number', label: label('回款编号', 'Number'), kind: 'text', readOnly: true },
      {
        key: 'receivableId',
        label: label('合同编号', 'Contract number'),
        kind: 'ref',
        ref: contractReceivableRef,
        required: true,
        businessKey: true,
        // The payments list shows it as the contract's number.
        aliases: ['contractNumber'],
      },
      { key: 'customerName', label: label('客户', 'Customer'), kind: 'text', readOnly: true },
      {
        key: 'paidOn',
        label: label('回款日期', 'Date paid'),
        kind: 'date',
        required: true,
        businessKey: true,
      },
      {
        key: 'amount',
        label: label('回款金额', 'Amount'),
        kind: 'money',
        required: true,
        businessKey: true,
        example: '30000.00',
      },
      {
        key: 'method',
        label: label('付款方式', 'Payment method'),
        kind: 'dict',
        dict: 'payment_method',
        required: true,
      },
      { key: 'payer', label: label('付款方', 'Payer'), kind: 'text', required: true, maxLength: 200 },
      { key: 'reference', label: label('流水号', 'Reference'), kind: 'text', maxLength: 100 },
      { key: 'note', label: label('备注', 'Note'), kind: 'text', maxLength: 500 },
      {
        key: 'status',
        label: label('状态', 'Status'),
        kind: 'text',
        readOnly: true,
        exportLabels: {
          pending: label('待审批', 'Awaiting approval'),
          confirmed: label('已确认', 'Confirmed'),
          rejected: label('已驳回', 'Rejected'),
        },
      },
      { key: 'ownerId', label: label('负责人', 'Owner'), kind: 'user', readOnly: true },
      { key: 'createdAt', label: label('创建时间', 'Created'), kind: 'datetime', readOnly: true },
    ],
    list: (m, ctx, query) => listPayments(m, ctx, query),
    async findExisting(m, ctx, keys) {
      const rows = await payments
        .repo(m)
        .createQueryBuilder('p')
        .where('p.deleted_at IS NULL')
        .andWhere('p.receivable_id IN (:...ids)', { ids: [...new Set(keys.map((k) => k[0]!))] })
        .andWhere('p.paid_on IN (:...days)', { days: [...new Set(keys.map((k) => k[1]!))] })
        .getMany()
      return existingMatches(m, ctx, payments, rows, {
        keys,
        keyOf: (p) => [p.receivableId, String(p.paidOn), p.amount],
        outside: 'ignore',
        compare: sameMoney,
      })
    },
    check: (v, mode) => void (mode === 'create' ? paymentCreate(v) : paymentUpdate(v)),
    create: (m, ctx, v) => createPayment(m, ctx, deps, paymentCreate(v)),
    update: (m, ctx, id, version, v) => updatePayment(m, ctx, deps, id, version, paymentUpdate(v)),
    remove: (m, ctx, id, version) => removePayment(m, ctx, deps, id, version),
  }
}
