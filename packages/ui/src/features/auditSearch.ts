import type { AuditEntry, Page } from '@mosaic/schemas'
import type { ListFetch, ListParams } from '../types'

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
 * nor repeat a row. The merged cursor is a token for that state, valid while the page lives. A numbered
 * page N reads the first N pages of every trail (numbered pages stay shallow; deeper ones walk by cursor).
 * A service that does not answer is reported through `onUnavailable` and left out.
 */
export function mergedAuditSearch(
  services: () => string[],
  fetchPage: AuditPageFetch,
  onUnavailable: (service: string, error: unknown) => void = () => {},
): ListFetch<MergedAuditEntry> {
  const states = new Map<string, Source[]>()
  let counter = 0

  return async ({ cursor, page, limit, ...filters }) => {
    const resumed = cursor ? states.get(cursor) : undefined
    const sources: Source[] = resumed
      ? resumed.map((s) => ({ ...s, buffer: [...s.buffer] }))
      : services().map((service) => ({
          service,
          buffer: [],
          cursor: undefined,
          done: false,
          total: 0,
          capped: false,
        }))
    // Numbered page N of the merged list: the first N pages of every trail hold all its rows.
    const pages = !resumed && page && page > 1 ? page : 1
    await Promise.all(
      sources.map(async (s) => {
        if (s.done || s.buffer.length >= limit) return
        try {
          const answers = resumed
            ? [await fetchPage(s.service, { ...filters, limit, cursor: s.cursor })]
            : await Promise.all(
                Array.from({ length: pages }, (_, i) =>
                  fetchPage(s.service, { ...filters, limit, ...(i ? { page: i + 1 } : {}) }),
                ),
              )
          for (const answer of answers)
            s.buffer.push(...answer.items.map((e) => ({ ...e, service: s.service })))
          const last = answers.at(-1)!
          s.cursor = last.nextCursor ?? undefined
          s.done = !last.nextCursor
          if (!resumed) {
            s.total = answers[0]!.total
            s.capped = answers[0]!.totalCapped
          }
        } catch (error) {
          s.done = true
          onUnavailable(s.service, error)
        }
      }),
    )
    // Rows of the numbered pages before the one asked for.
    for (let skip = (pages - 1) * limit; skip > 0 && takeNewest(sources); skip--);
    const items: MergedAuditEntry[] = []
    while (items.length < limit) {
      const next = takeNewest(sources)
      if (!next) break
      items.push(next)
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

/** Removes and answers the newest buffered row of all trails; none while a trail must be read first. */
function takeNewest(sources: Source[]): MergedAuditEntry | undefined {
  // A trail with rows still unfetched could hold the next-newest row: stop until it is read.
  if (sources.some((s) => !s.done && !s.buffer.length)) return undefined
  let next: Source | undefined
  for (const s of sources) {
    if (s.buffer.length && (!next || s.buffer[0]!.at > next.buffer[0]!.at)) next = s
  }
  return next?.buffer.shift()
}
