import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@mosaic/schemas'
import { badRequest } from '../errors.js'

/** Clamps a requested page size into [1, PAGE_SIZE_MAX] instead of failing the request. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return PAGE_SIZE_DEFAULT
  return Math.min(PAGE_SIZE_MAX, Math.max(1, Math.trunc(limit)))
}

/** A keyset cursor: the sort key and id of the last row on the previous page. */
export interface Cursor {
  key: string | number | null
  id: string
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url')
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (typeof id !== 'string') throw new Error('bad cursor')
    return { key, id }
  } catch {
    throw badRequest('The paging cursor is invalid.', [{ field: 'cursor', message: 'Invalid cursor' }])
  }
}

/** Counting stops here: a list answers "10000+" instead of scanning a huge table per request. */
export const COUNT_CAP = 10_000
