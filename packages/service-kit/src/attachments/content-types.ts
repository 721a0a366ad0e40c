import { ATTACHMENT_TYPES } from '@mosaic/schemas'

/** How many leading bytes the content checks look at. */
export const SNIFF_BYTES = 512

const bytesAt = (head: Buffer, offset: number, bytes: number[]) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b)
const textAt = (head: Buffer, offset: number, text: string) =>
  bytesAt(head, offset, [...Buffer.from(text, 'latin1')])

const zip = (h: Buffer) => bytesAt(h, 0, [0x50, 0x4b, 0x03, 0x04]) || bytesAt(h, 0, [0x50, 0x4b, 0x05, 0x06])
// Word 97–2003, Excel and PowerPoint files are OLE compound documents.
const ole = (h: Buffer) => bytesAt(h, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
// Executables (PE, ELF, Mach-O) always carry NUL bytes in their headers; text never does,
// unless it is UTF-16, which announces itself with a byte-order mark.
const text = (h: Buffer) => bytesAt(h, 0, [0xff, 0xfe]) || bytesAt(h, 0, [0xfe, 0xff]) || !h.includes(0)

/** What the first bytes of a file of each accepted type look like. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (h) => bytesAt(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (h) => bytesAt(h, 0, [0xff, 0xd8, 0xff]),
  'image/gif': (h) => textAt(h, 0, 'GIF87a') || textAt(h, 0, 'GIF89a'),
  'image/webp': (h) => textAt(h, 0, 'RIFF') && textAt(h, 8, 'WEBP'),
  'application/pdf': (h) => textAt(h, 0, '%PDF-'),
  'application/zip': zip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zip,
  'application/msword': ole,
  'application/vnd.ms-excel': ole,
  'application/vnd.ms-powerpoint': ole,
  'text/plain': text,
  'text/csv': text,
}

/** Names browsers and tools use for the same type. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-zip-compressed': 'application/zip',
  'application/x-pdf': 'application/pdf',
}

export const DEFAULT_ALLOWED_TYPES: readonly string[] = Object.keys(ATTACHMENT_TYPES)

/** The media type of a Content-Type header: parameters dropped, lower case, aliases resolved. */
export function mediaTypeOf(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase()
  return ALIASES[type] ?? type
}

/**
 * Whether the first bytes fit the declared type. A type without a known signature (one a
 * service added to its allow-list) passes unless it starts like an executable.
 */
export function contentMatches(type: string, head: Buffer): boolean {
  const signature = SIGNATURES[type]
  if (signature) return signature(head)
  return !(textAt(head, 0, 'MZ') || bytesAt(head, 0, [0x7f, 0x45, 0x4c, 0x46]))
}

/** Whether a file name's extension fits the type (types the catalog does not know: any name). */
export function extensionMatches(type: string, extension: string): boolean {
  const known = ATTACHMENT_TYPES[type]
  return !known || known.includes(extension)
}
