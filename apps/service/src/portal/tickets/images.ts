import { onBeforeUnmount, shallowRef } from 'vue'
import { ATTACHMENT_TYPES, DEFAULT_ATTACHMENT_MAX_BYTES, type Attachment } from '@mosaic/schemas'
import { checkAttachment } from '@mosaic/ui'
import { contractUrl } from '@mosaic/web-kit'
import { portalClient, portalRoutes } from '../session'

/** What a ticket accepts: the kit's image types only (the service checks the same list). */
export const IMAGE_TYPES = Object.fromEntries(
  Object.entries(ATTACHMENT_TYPES).filter(([type]) => type.startsWith('image/')),
)
export const IMAGE_ACCEPT = Object.keys(IMAGE_TYPES).join(',')

export type ImageCheck = { ok: true; type: string } | { ok: false; reason: 'type' | 'size' }

export const checkImage = (file: File): ImageCheck =>
  checkAttachment(file, { maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES, types: IMAGE_TYPES })

/** Sends one image as the raw body with the portal token (like the kit's staff upload). */
export function uploadImage(file: File, type: string): Promise<Attachment> {
  return portalClient.upload<Attachment>(contractUrl(portalRoutes.uploadImage.path), file, {
    headers: { 'Content-Type': type, 'X-File-Name': encodeURIComponent(file.name) },
  })
}

/**
 * Object URLs of images fetched with the portal token (an <img src> could not carry it), revoked when
 * the component goes. A picture that cannot be fetched is left out rather than failing the page.
 */
export function useImageUrls() {
  const urls = shallowRef<Record<string, string>>({})

  async function fetchAll(images: readonly Attachment[]) {
    const missing = images.filter((i) => !urls.value[i.id])
    const fetched = await Promise.all(
      missing.map(async (i) => {
        try {
          const blob = await portalClient.blob(contractUrl(portalRoutes.image.path, { id: i.id }))
          return [i.id, URL.createObjectURL(blob)] as const
        } catch {
          return null
        }
      }),
    )
    urls.value = { ...urls.value, ...Object.fromEntries(fetched.filter((f) => f !== null)) }
  }

  function add(id: string, blob: Blob) {
    urls.value = { ...urls.value, [id]: URL.createObjectURL(blob) }
  }

  onBeforeUnmount(() => Object.values(urls.value).forEach((u) => URL.revokeObjectURL(u)))
  return { urls, fetchAll, add }
}
