import type { sales } from '@mosaic/schemas'
import { HttpError } from '../errors.js'

type BulkResult = sales.BulkResult
type BulkItem = BulkResult['results'][number]

/**
 * A bulk operation (批量操作): one request, one transaction, a result per record. `work` runs
 * the record's checks before it writes anything of it and returns the record's title, so a
 * refused record (any HttpError: out of scope, stale, not allowed) leaves nothing behind and is
 * reported with its code while the others go through. Any other error fails the whole request.
 */
export async function bulkEach(
  ids: readonly string[],
  work: (id: string) => Promise<string | null>,
): Promise<BulkResult> {
  const results: BulkItem[] = []
  for (const id of [...new Set(ids)]) {
    try {
      results.push({ id, ok: true, title: await work(id) })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      const coded = { code: error.code, ...(error.params ? { params: error.params } : {}) }
      results.push({ id, ok: false, title: null, status: error.status, error: error.detail, ...coded })
    }
  }
  const succeeded = results.filter((r) => r.ok).length
  return { results, succeeded, failed: results.length - succeeded }
}
