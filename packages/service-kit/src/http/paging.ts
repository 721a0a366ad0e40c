import { PAGE_DEPTH_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@mosaic/schemas'
import { fieldError, problem } from '../errors.js'
import { isStorableText, isUuid } from './guard.js'

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

/**
 * The cursor a list handed out, or a 400 naming `cursor`: anything else — junk, a forged key of
 * the wrong type, text Postgres cannot store — would otherwise reach the query.
 */
export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [key, id] = parsed as [unknown, unknown]
    const keyOk =
      key === null ||
      (typeof key === 'number' && Number.isFinite(key)) ||
      (typeof key === 'string' && key.length <= 500 && isStorableText(key) && !looksLikeBadDate(key))
    if (keyOk && isUuid(id)) return { key: key as Cursor['key'], id }
  }
  throw invalidCursor()
}

/** A key shaped like a timestamp must be one Postgres can read back. */
function looksLikeBadDate(key: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(key)) return false
  const year = Number(key.slice(0, 4))
  return year < 1900 || year > 9999 || Number.isNaN(Date.parse(key))
}

/** Counting stops here: a list answers "10000+" instead of scanning a huge table per request. */
export const COUNT_CAP = 10_000

/** 400 naming the cursor: it was tampered with or belongs to another list. */
export function invalidCursor() {
  return problem(400, 'http.cursor_invalid', undefined, {
    errors: [fieldError('cursor', 'validation.cursor')],
  })
}

/** What a list request asks for, as every list endpoint takes it (`PageQuery`). */
export interface PageRequest {
  limit?: number
  cursor?: string
  /** 1-based numbered page: offset paging within the first PAGE_DEPTH_MAX rows. */
  page?: number
}

/** A checked request: keyset `cursor` (any depth) or an `offset` (numbered page), never both. */
export interface ResolvedPaging {
  limit: number
  cursor?: Cursor
  offset: number
}

/**
 * One rule for every list: `page` and `cursor` together → 400 `paging.page_with_cursor`; a page
 * whose rows start at or beyond PAGE_DEPTH_MAX → 400 `paging.page_too_deep` (the client walks on
 * with the cursor of the last numbered page instead: keyset costs the same at any depth).
 */
export function resolvePaging(request: PageRequest): ResolvedPaging {
  const limit = clampLimit(request.limit)
  if (request.page !== undefined && request.cursor) {
    throw problem(400, 'paging.page_with_cursor', undefined, {
      errors: [fieldError('page', 'paging.page_with_cursor')],
    })
  }
  // The route's PageQuery already rejects a page below 1; direct callers get the first page.
  const page = Number.isFinite(request.page) ? Math.max(1, Math.trunc(request.page!)) : 1
  const offset = (page - 1) * limit
  if (offset >= PAGE_DEPTH_MAX) {
    throw problem(
      400,
      'paging.page_too_deep',
      { max: PAGE_DEPTH_MAX },
      { errors: [fieldError('page', 'paging.page_too_deep', { max: PAGE_DEPTH_MAX })] },
    )
  }
  return { limit, cursor: decodeCursor(request.cursor), offset }
}
