import type { z } from 'zod'
import { sales } from '@mosaic/schemas'
import {
  atRow,
  existingMatches,
  parseOrThrow,
  type AggregateContext,
  type DomainDeps,
  type ExchangeSpec,
  type ImportValues,
  type RefResolver,
} from '@mosaic/service-kit'
import { createContact, deleteContact, listContacts, updateContact } from './contacts.service.js'
import type { ContactRow, CustomerRow } from './customers.entity.js'
import { createCustomer, createCustomers } from './customers.create.js'
import { deleteCustomer, listCustomers, updateCustomer } from './customers.service.js'
import { contacts, customers } from './customers.store.js'
import { nameKey } from './duplicates.js'

/** Only the named keys that have a value: an empty cell never reaches the domain function. */
function pick(values: ImportValues, keys: readonly string[]) {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]))
}

const CUSTOMER_KEYS = [
  'name',
  'status',
  'level',
  'industry',
  'source',
  'phone',
  'address',
  'website',
  'remark',
  'nextFollowUpAt',
] as const

/** The create body: the owner (transfer permission for someone else) and the optional primary contact. */
function customerCreate(v: ImportValues): sales.CustomerCreate {
  const contact = v.contactName
    ? { contact: pick({ name: v.contactName, phone: v.contactPhone }, ['name', 'phone']) }
    : {}
  return parseOrThrow(sales.CustomerCreate, { ...pick(v, [...CUSTOMER_KEYS, 'ownerId']), ...contact })
}

/** The update body: owner and contacts change through their own routes (transfer, contacts). */
const customerUpdate = (v: ImportValues) => parseOrThrow(sales.CustomerUpdate, pick(v, CUSTOMER_KEYS))

/** Customers by name or number, among those the caller may see. */
export const customerRef: RefResolver = {
  async ids(m, ctx, texts) {
    const rows = await customers
      .repo(m)
      .createQueryBuilder('c')
      .where('c.deleted_at IS NULL')
      .andWhere('(c.name_key IN (:...keys) OR c.number IN (:...texts))', { keys: texts.map(nameKey), texts })
      .getMany()
    const visible = await customers.accessMap(m, ctx.principal, rows)
    const byText = new Map<string, string>()
    for (const row of rows.filter((r) => visible.has(r.id))) {
      byText.set(row.number, row.id)
      for (const text of texts) if (nameKey(text) === row.nameKey) byText.set(text, row.id)
    }
    return byText
  },
  async names(m, ids) {
    const rows: { id: string; name: string }[] = await m.query(
      'SELECT id, name FROM customer WHERE id = ANY($1::uuid[])',
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.name]))
  },
}

const label = (zh: string, en: string) => ({ zh, en })

/** A body parser for a run of rows whose refusal names its row. */
const bodyAt =
  <B>(parse: (v: ImportValues) => B) =>
  (v: ImportValues, index: number): B => {
    try {
      return parse(v)
    } catch (error) {
      throw atRow(index, error)
    }
  }

/** Customers: business key = the name (unique in the service, so one outside my scope is refused). */
export function customerExchange(deps: DomainDeps): ExchangeSpec<CustomerRow, sales.CustomerListQuery> {
  return {
    resource: 'sales.customer',
    path: '/customers',
    title: label('客户', 'Customers'),
    store: customers,
    listQuery: sales.CustomerListQuery,
    fields: [
      { key: 'number', label: label('客户编号', 'Number'), kind: 'text', readOnly: true },
      {
        key: 'name',
        label: label('客户名称', 'Name'),
        kind: 'text',
        required: true,
        businessKey: true,
        maxLength: 100,
      },
      { key: 'status', label: label('客户状态', 'Status'), kind: 'dict', dict: 'customer_status' },
      { key: 'level', label: label('客户级别', 'Level'), kind: 'dict', dict: 'customer_level' },
      { key: 'industry', label: label('所属行业', 'Industry'), kind: 'dict', dict: 'industry' },
      { key: 'source', label: label('客户来源', 'Source'), kind: 'dict', dict: 'lead_source' },
      { key: 'ownerId', label: label('负责人', 'Owner'), kind: 'user' },
      { key: 'phone', label: label('电话', 'Phone'), kind: 'text', maxLength: 30 },
      { key: 'address', label: label('地址', 'Address'), kind: 'text', maxLength: 200 },
      { key: 'website', label: label('网址', 'Website'), kind: 'text', maxLength: 200 },
      {
        key: 'contactName',
        label: label('首要联系人', 'Primary contact'),
        kind: 'text',
        maxLength: 60,
        exportValue: (c) => c.primaryContactName,
        aliases: ['primaryContactName'],
      },
      {
        key: 'contactPhone',
        label: label('联系人电话', 'Contact phone'),
        kind: 'text',
        maxLength: 30,
        exportValue: (c) => c.primaryContactPhone,
        aliases: ['primaryContactPhone'],
      },
      { key: 'nextFollowUpAt', label: label('下次跟进时间', 'Next follow-up'), kind: 'datetime' },
      { key: 'remark', label: label('备注', 'Remark'), kind: 'text', maxLength: 2000 },
      { key: 'createdAt', label: label('创建时间', 'Created'), kind: 'datetime', readOnly: true },
    ],
    list: (m, ctx, query) => listCustomers(m, ctx, query),
    async findExisting(m, ctx, keys) {
      const rows = await customers
        .repo(m)
        .createQueryBuilder('c')
        .where('c.deleted_at IS NULL')
        .andWhere('c.name_key IN (:...keys)', { keys: keys.map((k) => nameKey(k[0]!)) })
        .getMany()
      return existingMatches(m, ctx, customers, rows, {
        keys,
        keyOf: (c) => [c.name],
        outside: 'refuse',
        compare: nameKey,
      })
    },
    check: (v, mode) => void (mode === 'create' ? customerCreate(v) : customerUpdate(v)),
    create: (m, ctx, v) => createCustomer(m, ctx, deps, customerCreate(v)),
    createMany: (m, ctx, rows) => createCustomers(m, ctx, deps, rows.map(bodyAt(customerCreate))),
    // A run of creates is written in bulk: larger chunks, fewer transactions.
    chunkSize: 1000,
    update: (m, ctx, id, version, v) => updateCustomer(m, ctx, deps, id, version, customerUpdate(v)),
    remove: deleteCustomer,
  }
}

const CONTACT_KEYS = ['name', 'title', 'phone', 'email', 'remark', 'primary'] as const

/** Contacts: business key = the customer (by name or number) + the contact's name. */
export function contactExchange(): ExchangeSpec<ContactRow, z.infer<typeof sales.ContactListQuery>> {
  return {
    resource: 'sales.contact',
    path: '/contacts',
    title: label('联系人', 'Contacts'),
    store: contacts,
    listQuery: sales.ContactListQuery,
    fields: [
      {
        key: 'customerId',
        label: label('客户', 'Customer'),
        kind: 'ref',
        ref: customerRef,
        required: true,
        businessKey: true,
      },
      {
        key: 'name',
        label: label('姓名', 'Name'),
        kind: 'text',
        required: true,
        businessKey: true,
        maxLength: 60,
      },
      { key: 'title', label: label('职务', 'Title'), kind: 'text', maxLength: 60 },
      { key: 'phone', label: label('电话', 'Phone'), kind: 'text', maxLength: 30 },
      { key: 'email', label: label('邮箱', 'Email'), kind: 'text', maxLength: 120 },
      { key: 'primary', label: label('首要联系人', 'Primary'), kind: 'bool' },
      { key: 'remark', label: label('备注', 'Remark'), kind: 'text', maxLength: 500 },
    ],
    list: (m, ctx: AggregateContext, query) => listContacts(m, ctx.principal, query),
    async findExisting(m, ctx, keys) {
      const rows = await contacts
        .repo(m)
        .createQueryBuilder('k')
        .where('k.deleted_at IS NULL')
        .andWhere('k.customer_id IN (:...ids)', { ids: [...new Set(keys.map((k) => k[0]!))] })
        .andWhere('lower(k.name) IN (:...names)', { names: keys.map((k) => k[1]!) })
        .getMany()
      return existingMatches(m, ctx, contacts, rows, {
        keys,
        keyOf: (k) => [k.customerId, k.name],
        outside: 'ignore',
      })
    },
    check: (v, mode) =>
      void (mode === 'create' ? contactCreate(v) : parseOrThrow(sales.ContactUpdate, pick(v, CONTACT_KEYS))),
    create: (m, ctx, v) => createContact(m, ctx, contactCreate(v)),
    update: (m, ctx, id, version, v) =>
      updateContact(m, ctx, id, version, parseOrThrow(sales.ContactUpdate, pick(v, CONTACT_KEYS))),
    remove: deleteContact,
  }
}

const contactCreate = (v: ImportValues) =>
  parseOrThrow(sales.ContactCreate, pick(v, [...CONTACT_KEYS, 'customerId'])) as sales.ContactCreate & {
    primary: boolean
  }
