import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { Attachment, DEFAULT_ATTACHMENT_MAX_BYTES, Id } from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { notFound } from '../errors.js'
import type { Access, ApiRouter } from '../http/route.js'
import type { Principal } from '@mosaic/permissions'
import { DEFAULT_ALLOWED_TYPES } from './content-types.js'
import { StorageObjectMissing, type StorageAdapter } from './storage.js'
import { checkDeclaredLength, declaredType, fileNameOf, receiveUpload } from './upload.js'

export interface AttachmentRouteOptions {
  /** Who may upload (usually the permission to create the records that carry attachments). */
  upload: Access
  /** Who may download. */
  read: Access
  /**
   * Whether the caller may see a record that refers to the file (data scope, team). The uploader
   * may always fetch their own upload. Anyone else who may not is answered 404, like the record.
   * Pass the service's `attachmentPolicy(...).visible`, the rule its record writes obey too.
   */
  visible?: (m: EntityManager, principal: Principal, attachmentId: string) => Promise<boolean>
  /** Default 10 MB; services pass their `ATTACHMENT_MAX_BYTES`. */
  maxBytes?: number
  /** Accepted media types; default: images, PDF, Office documents, text, CSV and zip. */
  allowedTypes?: readonly string[]
}

interface AttachmentRow {
  id: string
  created_by?: string | null
  name: string
  content_type: string
  size: string
  sha256: string
  storage_key: string
}

const present = (r: AttachmentRow): Attachment => ({
  id: r.id,
  name: r.name,
  size: Number(r.size),
  contentType: r.content_type,
})

/** Spreads files over 256 folders, so none grows to millions of entries. */
const storageKeyOf = (id: string) => `${id.slice(0, 2)}/${id}`

/**
 * `POST /attachments`: the raw file as the body, its type as Content-Type and its name in
 * `X-File-Name` → 201 Attachment. `GET /attachments/:id`: the file, as a download.
 */
export function registerAttachmentRoutes(
  api: ApiRouter,
  db: Database,
  storage: StorageAdapter,
  options: AttachmentRouteOptions,
): void {
  const maxBytes = options.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES
  const allowed = options.allowedTypes ?? DEFAULT_ALLOWED_TYPES
  const tags = ['attachments']

  api.route({
    method: 'post',
    path: '/attachments',
    summary: `Upload a file (raw body, Content-Type, X-File-Name; at most ${maxBytes} bytes)`,
    tags,
    access: options.upload,
    rawBody: allowed,
    response: Attachment,
    handler: async ({ req, principal }) => {
      const type = declaredType(req, allowed)
      const name = fileNameOf(req, type)
      checkDeclaredLength(req, maxBytes)
      const id = randomUUID()
      const key = storageKeyOf(id)
      const { size, sha256 } = await receiveUpload(req, storage, key, { type, maxBytes })
      try {
        const [row] = await db.transaction((m) =>
          m.query(
            `INSERT INTO attachment (id, name, content_type, size, sha256, storage_key, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING id, name, content_type, size, sha256, storage_key`,
            [id, name, type, size, sha256, key, principal?.userId ?? null],
          ),
        )
        return present(row as AttachmentRow)
      } catch (error) {
        await storage.delete(key).catch(() => {})
        throw error
      }
    },
  })

  api.route({
    method: 'get',
    path: '/attachments/:id',
    summary: 'Download a file',
    tags,
    access: options.read,
    params: z.object({ id: Id }),
    handler: async ({ params, principal, req, res }) => {
      const row = await db.transaction(async (m) => {
        const [found] = (await m.query(
          'SELECT id, name, content_type, size, sha256, storage_key, created_by FROM attachment WHERE id = $1',
          [params.id],
        )) as AttachmentRow[]
        const own = found?.created_by === principal.userId
        if (found && !own && options.visible && !(await options.visible(m, principal, found.id)))
          return undefined
        return found
      })
      if (!row) throw notFound('attachment.not_found')
      const etag = `"${row.sha256}"`
      res.setHeader('ETag', etag)
      res.setHeader('Cache-Control', 'private, no-cache')
      if (req.headers['if-none-match'] === etag) return void res.status(304).end()
      let body
      try {
        body = await storage.get(row.storage_key)
      } catch (error) {
        if (!(error instanceof StorageObjectMissing)) throw error
        req.log?.error({ attachmentId: row.id, key: row.storage_key }, 'attachment file is missing')
        throw notFound('attachment.file_missing')
      }
      res.status(200)
      res.setHeader('Content-Type', row.content_type)
      res.setHeader('Content-Length', row.size)
      res.setHeader('Content-Disposition', contentDisposition(row.name))
      // Never rendered as a page of this origin, even when opened directly.
      res.setHeader('X-Content-Type-Options', 'nosniff')
      res.setHeader('Content-Security-Policy', 'sandbox')
      await pipeline(body, res)
    },
  })
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
