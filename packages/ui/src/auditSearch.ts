import type { AuditEntry, Page } from '@mosaic/schemas'
import type { ListFetch, ListParams } from './types'

/** One service's audit page, as `GET /api/<service>/audit` answers it. */
export type AuditPageFetch = (service: string, params: ListParams) => Promise<Page<AuditEntry>>

export interface MergedAuditEntry extends AuditEntry {
  /** The service whose trail holds the row. */
  service: string
}

interface Source {
  service: string
  buffer: MergedAuditEntry[]
  cursor: string | undefined
  done: boolean
  total: number
  capped: boolean
}

/**
 * Searches several services' audit trails as one list, newest first. Each service pages by its own
 * keyset cursor; rows fetched but not yet shown wait in a buffer, so the merged pages neither skip
 * nor repeat a row. The merged cursor is a token for that state, valid while the page lives.
 * A service that does not answer is reported through `onUnavailable` and left out.
 */
export function mergedAuditSearch(
  services: () => string[],
  fetchPage: AuditPageFetch,
  onUnavailable: (service: string, error: unknown) => void = () => {},
): ListFetch<MergedAuditEntry> {
  const states = new Map<string, Source[]>()
  let counter = 0

  return async ({ cursor, limit, ...filters }) => {
    const sources: Source[] =
      (cursor && states.get(cursor)?.map((s) => ({ ...s, buffer: [...s.buffer] }))) ||
      services().map((service) => ({
        service,
        buffer: [],
        cursor: undefined,
        done: false,
        total: 0,
        capped: false,
      }))
    const fresh = !cursor || !states.has(cursor)
    await Promise.all(
      sources.map(async (s) => {
        if (s.done || s.buffer.length >= limit) return
        try {
          const page = await fetchPage(s.service, { ...filters, limit, cursor: s.cursor })
          s.buffer.push(...page.items.map((e) => ({ ...e, service: s.service })))
          s.cursor = page.nextCursor ?? undefined
          s.done = !page.nextCursor
          if (fresh) {
            s.total = page.total
            s.capped = page.totalCapped
          }
        } catch (error) {
          s.done = true
          onUnavailable(s.service, error)
        }
      }),
    )
    const items: MergedAuditEntry[] = []
    while (items.length < limit) {
      // A trail with rows still unfetched could hold the next-newest row: stop until it is read.
      if (sources.some((s) => !s.done && !s.buffer.length)) break
      let next: Source | undefined
      for (const s of sources) {
        if (s.buffer.length && (!next || s.buffer[0]!.at > next.buffer[0]!.at)) next = s
      }
      if (!next) break
      items.push(next.buffer.shift()!)
    }
    const more = sources.some((s) => s.buffer.length || !s.done)
    let nextCursor: string | null = null
    if (more) {
      nextCursor = `m${++counter}`
      states.set(nextCursor, sources)
    }
    return {
      items,
      nextCursor,
      total: sources.reduce((n, s) => n + s.total, 0),
      totalCapped: sources.some((s) => s.capped),
    }
  }
}
