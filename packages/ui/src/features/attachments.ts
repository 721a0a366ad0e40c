import { ATTACHMENT_TYPES, attachmentTypeOf, type Attachment } from '@mosaic/schemas'
import { api } from '@mosaic/web-kit'

/** `1.5 MB`, `320 KB`, `12 B` (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`
}

export type AttachmentCheck =
  { ok: true; type: string } | { ok: false; reason: 'type' | 'size'; type: string | null }

/**
 * The same limits the service applies, checked before a byte is sent. The type comes from the
 * extension, not `File.type`: browsers disagree (Windows calls a .csv an Excel file) and the
 * service refuses a name whose extension does not fit the declared type.
 */
export function checkAttachment(
  file: { name: string; size: number },
  o: { maxBytes: number; types?: Readonly<Record<string, readonly string[]>> },
): AttachmentCheck {
  const type = attachmentTypeOf(file.name, o.types ?? ATTACHMENT_TYPES)
  if (!type) return { ok: false, reason: 'type', type }
  if (file.size > o.maxBytes) return { ok: false, reason: 'size', type }
  return { ok: true, type }
}

/** Sends the file as the raw body through the page's api client (bearer token, refresh). */
export function uploadAttachment(path: string, file: File, type: string): Promise<Attachment> {
  return api.upload<Attachment>(path, file, {
    headers: { 'Content-Type': type, 'X-File-Name': encodeURIComponent(file.name) },
  })
}

/**
 * Downloads through the api client, since a plain link could not carry the bearer token, and
 * hands the bytes to the browser as a file named like the upload.
 */
export async function downloadAttachment(path: string, attachment: Attachment): Promise<void> {
  const blob = await api.blob(`${path}/${encodeURIComponent(attachment.id)}`)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = attachment.name
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later rather than at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
