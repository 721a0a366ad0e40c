import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { ATTACHMENT_TYPES } from '@mosaic/schemas'
import { registerAttachmentRoutes, type DomainContext } from '@mosaic/service-kit'
import type { TicketsConfig } from '../../config.js'

/** Portal uploads are images only (ticket screenshots). */
export const PORTAL_IMAGE_TYPES = Object.keys(ATTACHMENT_TYPES).filter((type) => type.startsWith('image/'))

/**
 * `POST /portal/attachments` and `GET /portal/attachments/:id` on the kit's attachment routes: the uploader is
 * the portal account, and a contact sees their own uploads and the images of their customer's tickets only
 * (anything else is a 404, like a record outside one's scope).
 */
export function registerPortalImageRoutes(
  { portal, db, storage, config }: DomainContext<TicketsConfig>,
  ticketImageVisible: (m: EntityManager, customerId: string, attachmentId: string) => Promise<boolean>,
) {
  registerAttachmentRoutes(portal, db, storage, {
    upload: 'portal',
    read: 'portal',
    allowedTypes: PORTAL_IMAGE_TYPES,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    visible: (m: EntityManager, principal: Principal, attachmentId: string) =>
      ticketImageVisible(m, principal.customerId!, attachmentId),
  })
}
