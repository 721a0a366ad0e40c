import { findUser, defineHandlers, SYSTEM_ACTOR, type RecordContext } from '@mosaic/service-kit'
import { CUSTOMER_DOCUMENTS } from './customer-documents.js'

/**
 * A customer's owner change in sales (`sales.customer.transferred`) with the quotes and/or
 * contracts option: the old owner's live documents of that customer move to the new owner, each
 * with a `transfer` audit entry. A document already moved no longer belongs to the old owner, so a
 * second delivery (the inbox drops an exact duplicate anyway) moves nothing again.
 */
export const transferHandlers = defineHandlers({
  'sales.customer.transferred': async (payload, { m, event }) => {
    if (payload.entityType !== 'customer' || !payload.fromOwnerId) return
    const actorUser = event.actorId ? await findUser(m, event.actorId) : null
    const ctx: RecordContext = {
      actor: event.actorId ? { id: event.actorId, name: actorUser?.displayName ?? null } : SYSTEM_ACTOR,
    }
    const owner = { ownerId: payload.toOwnerId, ownerName: payload.toOwnerName, deptId: payload.toDeptId }
    for (const [kind, { store }] of Object.entries(CUSTOMER_DOCUMENTS)) {
      if (!payload.cascade[kind as keyof typeof payload.cascade]) continue
      const rows = await store
        .repo(m)
        .createQueryBuilder('d')
        .where('d.customer_id = :id AND d.owner_id = :from AND d.deleted_at IS NULL', {
          id: payload.id,
          from: payload.fromOwnerId,
        })
        .orderBy('d.created_at')
        .addOrderBy('d.id')
        .setLock('pessimistic_write')
        .getMany()
      for (const row of rows)
        await store.update(m, ctx, row.id, row.version, owner, {
          action: 'transfer',
          note: payload.reason ?? undefined,
        })
    }
  },
})
