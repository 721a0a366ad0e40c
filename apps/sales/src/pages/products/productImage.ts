import { onBeforeUnmount, ref, watch } from 'vue'
import { ATTACHMENT_TYPES, orders, type Attachment } from '@mosaic/schemas'
import { api } from '@mosaic/web-kit'
import { formatBytes } from '@mosaic/ui'
import { ORDERS_ATTACHMENTS } from '../../ordersApi'

/** The types a product image may have, with their extensions (what the orders service accepts). */
export const IMAGE_TYPES = Object.fromEntries(
  orders.PRODUCT_IMAGE_TYPES.map((t) => [t, ATTACHMENT_TYPES[t] ?? []]),
)

export const imageMaxSize = formatBytes(orders.PRODUCT_IMAGE_MAX_BYTES)

/**
 * The image as a local object URL (downloads carry the bearer token, so an <img src> to the API
 * cannot fetch it); revoked when the image changes or the component goes.
 */
export function useImageUrl(image: () => Attachment | null | undefined) {
  const url = ref<string | null>(null)
  const drop = () => {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = null
  }
  watch(
    () => image()?.id,
    async (id) => {
      drop()
      if (!id) return
      try {
        const blob = await api.blob(`${ORDERS_ATTACHMENTS}/${encodeURIComponent(id)}`)
        if (image()?.id === id) url.value = URL.createObjectURL(blob)
      } catch {
        url.value = null
      }
    },
    { immediate: true },
  )
  onBeforeUnmount(drop)
  return url
}
