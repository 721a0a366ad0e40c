import { describe, expect, it, vi } from 'vitest'
import type { AuditEntry, Page } from '@mosaic/schemas'
import { mergedAuditSearch } from './auditSearch'

const row = (service: string, minute: number): AuditEntry => ({
  id: `${service}-${minute}`,
  at: `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actorId: null,
  actorName: null,
  action: 'update',
  entityType: service === 'admin' ? 'user' : 'customer',
  entityId: 'x',
  entityTitle: null,
  diff: {},
  note: null,
  requestId: null,
})

/** A service trail paged by a numeric keyset, newest first, like the kit's `/audit`. */
function trail(service: string, minutes: number[]) {
  const rows = minutes.sort((a, b) => b - a).map((m) => row(service, m))
  return async (q: { limit: number; cursor?: string; page?: number }): Promise<Page<AuditEntry>> => {
    const start = q.cursor ? Number(q.cursor) : ((q.page ?? 1) - 1) * q.limit
    const items = rows.slice(start, start + q.limit)
    const next = start + q.limit < rows.length ? String(start + q.limit) : null
    return { items, nextCursor: next, total: rows.length, totalCapped: false }
  }
}

describe('mergedAuditSearch', () => {
  it('merges every service newest first, page by page, without skipping or repeating rows', async () => {
    const admin = trail('admin', [1, 4, 5, 9, 12, 13])
    const sales = trail('sales', [2, 3, 6, 7, 8, 10, 11])
    const fetch = vi.fn((service: string, q: { limit: number; cursor?: string }) =>
      service === 'admin' ? admin(q) : sales(q),
    )
    const search = mergedAuditSearch(() => ['admin', 'sales'], fetch)
    const seen: string[] = []
    let cursor: string | undefined
    let total = 0
    do {
      const page = await search({ limit: 4, cursor })
      total = cursor ? total : page.total
      seen.push(...page.items.map((e) => `${e.service}:${e.at.slice(14, 16)}`))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(total).toBe(13)
    expect(seen).toEqual(
      [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(
        (m) => `${[1, 4, 5, 9, 12, 13].includes(m) ? 'admin' : 'sales'}:${String(m).padStart(2, '0')}`,
      ),
    )
  })

  it('answers a numbered page, and walks on by cursor from it', async () => {
    const admin = trail('admin', [1, 4, 5, 9, 12, 13])
    const sales = trail('sales', [2, 3, 6, 7, 8, 10, 11])
    const search = mergedAuditSearch(
      () => ['admin', 'sales'],
      (service, q) => (service === 'admin' ? admin(q) : sales(q)),
    )
    const minutes = (items: AuditEntry[]) => items.map((e) => Number(e.at.slice(14, 16)))
    const second = await search({ limit: 4, page: 2 })
    expect(minutes(second.items)).toEqual([9, 8, 7, 6])
    expect(second.total).toBe(13)
    const third = await search({ limit: 4, cursor: second.nextCursor! })
    expect(minutes(third.items)).toEqual([5, 4, 3, 2])
    expect(minutes((await search({ limit: 4, page: 4 })).items)).toEqual([1])
  })

  it('reports a service that does not answer and shows the others', async () => {
    const down = vi.fn()
    const search = mergedAuditSearch(
      () => ['admin', 'sales'],
      async (service, q) => {
        if (service === 'sales') throw new Error('502')
        return trail('admin', [1, 2])(q)
      },
      down,
    )
    const page = await search({ limit: 10 })
    expect(page.items.map((e) => e.id)).toEqual(['admin-2', 'admin-1'])
    expect(down).toHaveBeenCalledWith('sales', expect.any(Error))
    expect(page.nextCursor).toBeNull()
  })
})
