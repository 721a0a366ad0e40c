import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { Attachment } from '@mosaic/schemas'
import { fieldError, validationFailed } from '../errors.js'
import type { AnyRecordStore } from '../records/record-store.js'
import type { RecordContext } from '../records/record-type.js'

/** A record type whose rows carry attachments in a jsonb property (`[{ id, name, … }]`, or one object). */
export interface AttachmentCarrier {
  store: AnyRecordStore
  /** The property holding the array; default 'attachments'. */
  field?: string
  /** The property holds one attachment (an object, or null) rather than an array (a product's image). */
  single?: boolean
}

/**
 * Who may use an uploaded file, for one service, written once: a file is as visible as the live
 * records that carry it (the caller's data scope or team), and only the uploader — or someone who
 * already sees a record carrying it — may attach it to a record. `registerAttachmentRoutes` takes
 * `visible` for downloads; every create/update that stores attachments goes through `accept`.
 */
export interface AttachmentPolicy {
  visible(m: EntityManager, principal: Principal, attachmentId: string): Promise<boolean>
  /**
   * The stored attachments `list` refers to, in order (names, sizes and types from the upload,
   * whatever the client claimed). 400 on `<field>.<i>`: `attachment.unknown` for a file that was
   * never uploaded or that the actor may not use (the two look alike), `attachment.repeated`, and
   * `attachment.type_not_accepted` for a file outside `types` (when the field takes fewer types
   * than the service's upload route: a product image, a contract scan).
   */
  accept(
    m: EntityManager,
    ctx: RecordContext,
    list: Readonly<Array<{ id: string }>> | undefined,
    field?: string,
    types?: readonly string[],
  ): Promise<Attachment[]>
  /** `accept` for a property holding one file (`{ id }`, or null for none); errors name `field` itself. */
  acceptOne(
    m: EntityManager,
    ctx: RecordContext,
    ref: { id: string } | null | undefined,
    field: string,
    types?: readonly string[],
  ): Promise<Attachment | null>
}

interface Row {
  id: string
  name: string
  content_type: string
  size: string
  created_by: string | null
}

export function attachmentPolicy(carriers: AttachmentCarrier[]): AttachmentPolicy {
  async function visible(m: EntityManager, principal: Principal, attachmentId: string) {
    for (const { store, field = 'attachments', single } of carriers) {
      const ref = JSON.stringify(single ? { id: attachmentId } : [{ id: attachmentId }])
      const columns = store.options.entity.options.columns as Record<string, { name?: string }>
      const column = `r.${columns[field]?.name ?? field}`
      const qb = store
        .repo(m)
        .createQueryBuilder('r')
        .where('r.deleted_at IS NULL')
        .andWhere(`${column} @> CAST(:ref AS jsonb)`, { ref })
      const scope = store.scopeWhere(principal, 'r')
      if (scope) qb.andWhere(scope.sql, scope.params)
      if (await qb.getExists()) return true
    }
    return false
  }

  async function accept(
    m: EntityManager,
    ctx: RecordContext,
    list: Readonly<Array<{ id: string }>> | undefined,
    field = 'attachments',
    types?: readonly string[],
  ): Promise<Attachment[]> {
    if (!list?.length) return []
    return stored(
      m,
      ctx,
      list.map((a) => a.id),
      (i) => `${field}.${i}`,
      types,
    )
  }

  async function stored(
    m: EntityManager,
    ctx: RecordContext,
    ids: string[],
    fieldOf: (i: number) => string,
    types?: readonly string[],
  ): Promise<Attachment[]> {
    const rows = (await m.query(
      'SELECT id, name, content_type, size, created_by FROM attachment WHERE id = ANY($1::uuid[])',
      [ids],
    )) as Row[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    const errors = []
    for (const [i, id] of ids.entries()) {
      const row = byId.get(id)
      if (ids.indexOf(id) !== i) errors.push(fieldError(fieldOf(i), 'attachment.repeated'))
      else if (!row || !(await usable(m, ctx, row))) errors.push(fieldError(fieldOf(i), 'attachment.unknown'))
      else if (types && !types.includes(row.content_type))
        errors.push(fieldError(fieldOf(i), 'attachment.type_not_accepted', { type: row.content_type }))
    }
    if (errors.length) throw validationFailed(errors)
    return ids.map((id) => present(byId.get(id)!))
  }

  async function acceptOne(
    m: EntityManager,
    ctx: RecordContext,
    ref: { id: string } | null | undefined,
    field: string,
    types?: readonly string[],
  ): Promise<Attachment | null> {
    if (!ref) return null
    return (await stored(m, ctx, [ref.id], () => field, types))[0]!
  }

  /** The uploader's own file, or one the actor already sees on a record (needs their principal). */
  async function usable(m: EntityManager, ctx: RecordContext, row: Row) {
    if (row.created_by !== null && row.created_by === ctx.actor.id) return true
    return ctx.principal ? visible(m, ctx.principal, row.id) : false
  }

  return { visible, accept, acceptOne }
}

const present = (r: Row): Attachment => ({
  id: r.id,
  name: r.name,
  size: Number(r.size),
  contentType: r.content_type,
})
