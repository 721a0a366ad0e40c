import { z } from 'zod'
import { Id } from './common.js'

/**
 * A stored file as records reference it. Services replace what a client sends with what they
 * stored (name, size, type), so these values are never the client's claim.
 */
export const Attachment = z.strictObject({
  id: Id,
  name: z.string().max(200),
  size: z.number().int().nonnegative(),
  contentType: z.string().max(100),
})
export type Attachment = z.infer<typeof Attachment>

/** Default upload limit; services read theirs from `ATTACHMENT_MAX_BYTES`. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

/**
 * Types accepted by default and the file extensions each may carry. Shared by the upload
 * component (which derives the type from the extension, since browsers disagree about
 * `File.type`: Windows reports .csv as an Excel type) and the services (which refuse a name whose
 * extension does not match, so a download never lands on disk as something executable).
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'application/zip': ['zip'],
}

/** The lower-cased extension of a file name, without the dot ('' when it has none). */
export function fileExtension(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** The accepted type a file name's extension stands for, or null. */
export function attachmentTypeOf(
  name: string,
  types: Readonly<Record<string, readonly string[]>> = ATTACHMENT_TYPES,
): string | null {
  const ext = fileExtension(name)
  if (!ext) return null
  for (const [type, exts] of Object.entries(types)) if (exts.includes(ext)) return type
  return null
}
