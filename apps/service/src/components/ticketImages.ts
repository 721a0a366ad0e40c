import { ATTACHMENT_TYPES } from '@mosaic/schemas'

/** The types a ticket image may have (png, jpeg, gif, webp), with their extensions. */
export const IMAGE_TYPES = Object.fromEntries(
  Object.entries(ATTACHMENT_TYPES).filter(([type]) => type.startsWith('image/')),
)
