import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  textContains,
  definedOnly,
  fieldError,
  listPage,
  liveRows,
  problem,
  systemContext,
  type RecordContext,
} from '@mosaic/service-kit'
import type { ContactRow } from './customers.entity.js'
import { presentContacts } from './customers.present.js'
import { contacts, customers } from './customers.store.js'

export function listContacts(
  m: EntityManager,
  principal: Principal,
  q: { customerId?: string; q?: string | null; limit?: number; cursor?: string },
) {
  return listPage(liveRows(contacts, m, 'k'), q, {
    scope: contacts.scopeWhere(principal, 'k'),
    equal: ['customerId'],
    filters: { q: (term) => textContains('k.name', term, 'q') },
    present: (rows) => presentContacts(m, rows),
  })
}

/** A customer's contacts, primary first; whoever sees the customer sees them. */
export async function contactsOfCustomer(m: EntityManager, ctx: RecordContext, customerId: string) {
  await customers.get(m, customerId, ctx)
  const rows = await contacts
    .repo(m)
    .createQueryBuilder('k')
    .where('k.customer_id = :customerId AND k.deleted_at IS NULL', { customerId })
    .orderBy('k.is_primary', 'DESC')
    .addOrderBy('k.created_at', 'ASC')
    .getMany()
  return presentContacts(m, rows)
}

/** The customer shows its primary contact's name and phone in lists; kept here, in one place. */
async function syncPrimary(m: EntityManager, customerId: string) {
  await m.query(
    `UPDATE customer SET primary_contact_name = p.name, primary_contact_phone = p.phone
     FROM (SELECT $1::uuid AS customer_id) c
     LEFT JOIN contact p ON p.customer_id = c.customer_id AND p.is_primary AND p.deleted_at IS NULL
     WHERE customer.id = c.customer_id`,
    [customerId],
  )
}

/** At most one primary contact per customer: the previous one steps down (audited). */
async function clearPrimary(m: EntityManager, ctx: RecordContext, customerId: string, exceptId?: string) {
  const current = await contacts
    .repo(m)
    .createQueryBuilder('k')
    .where('k.customer_id = :customerId AND k.is_primary AND k.deleted_at IS NULL', { customerId })
    .getMany()
  for (const c of current) {
    if (c.id !== exceptId) await contacts.update(m, systemContext(ctx), c.id, c.version, { isPrimary: false })
  }
}

export async function createContact(m: EntityManager, ctx: RecordContext, input: sales.ContactCreate) {
  // Adding a contact changes the customer: it takes write access to it.
  const customer = await customers.get(m, input.customerId, ctx, { access: 'write' })
  const first = !(
    await m.query('SELECT 1 FROM contact WHERE customer_id = $1 AND deleted_at IS NULL LIMIT 1', [
      customer.id,
    ])
  ).length
  const primary = input.primary === true || first
  if (primary) await clearPrimary(m, ctx, customer.id)
  const row = await contacts.create(m, ctx, {
    customerId: customer.id,
    name: input.name,
    title: input.title ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    isPrimary: primary,
    remark: input.remark ?? null,
    ownerId: customer.ownerId,
    deptId: customer.deptId,
  })
  await syncPrimary(m, customer.id)
  return row
}

export async function updateContact(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: sales.ContactUpdate,
) {
  const before = await contacts.get(m, id, ctx, { access: 'write' })
  const { primary, ...fields } = input
  const patch: Partial<ContactRow> = definedOnly(fields)
  if (primary === true && !before.isPrimary) {
    await clearPrimary(m, ctx, before.customerId, id)
    patch.isPrimary = true
  }
  if (primary === false && before.isPrimary) {
    throw problem(
      409,
      'sales.contact.keep_primary',
      {},
      {
        errors: [fieldError('primary', 'sales.contact.keep_primary')],
      },
    )
  }
  const row = await contacts.update(m, ctx, id, version, patch)
  await syncPrimary(m, row.customerId)
  return row
}

export async function deleteContact(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await contacts.get(m, id, ctx, { access: 'owner' })
  await contacts.softDelete(m, ctx, id, version)
  if (row.isPrimary) await syncPrimary(m, row.customerId)
}

/** A contact comes back only to a live customer, and never as a second primary. */
export async function restoreContact(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await contacts.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  const customer = await customers.find(m, row.customerId, undefined, { withDeleted: true })
  if (!customer || customer.deletedAt) {
    throw problem(409, 'sales.customer.deleted_parent')
  }
  if (row.isPrimary) {
    const [taken] = await m.query(
      'SELECT 1 FROM contact WHERE customer_id = $1 AND is_primary AND deleted_at IS NULL AND id <> $2',
      [row.customerId, id],
    )
    if (taken) await m.query('UPDATE contact SET is_primary = false WHERE id = $1', [id])
  }
  const restored = await contacts.restore(m, ctx, id)
  await syncPrimary(m, row.customerId)
  return restored
}
