import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'
import { HttpError } from '../errors.js'

type BulkResult = sales.BulkResult
type BulkItem = BulkResult['results'][number]

/**
 * A bulk operation (批量操作): one request, one transaction, a result per record. `work` returns
 * the record's title; a refused record (any HttpError: out of scope, stale, not allowed, a guard)
 * is reported with its code while the others go through, and leaves nothing behind: with `m`, each
 * record runs in its own savepoint, rolled back when it is refused, so a rule may refuse after it
 * wrote; without `m`, `work` must run every check before it writes anything. Any other error fails
 * the whole request (and its transaction).
 */
export async function bulkEach(
  ids: readonly string[],
  work: (id: string) => Promise<string | null>,
  m?: EntityManager,
): Promise<BulkResult> {
  const results: BulkItem[] = []
  for (const id of [...new Set(ids)]) {
    try {
      results.push({ id, ok: true, title: await (m ? inSavepoint(m, () => work(id)) : work(id)) })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      results.push({ id, ok: false, title: null, status: error.status, ...reasonOf(error) })
    }
  }
  const succeeded = results.filter((r) => r.ok).length
  return { results, succeeded, failed: results.length - succeeded }
}

/**
 * Why a record was refused, as the reader's language can say it: the refusal's code, or for a
 * validation failure its first field's (a bulk edit's `level: 'Z'` reads "Z is not a value of
 * customer_level", not "one or more fields are invalid"), with the field.
 */
function reasonOf(error: HttpError): Pick<BulkItem, 'error' | 'code' | 'params' | 'field'> {
  const [first] = error.extra.errors ?? []
  if (first?.code) {
    return {
      error: first.message,
      code: first.code,
      field: first.field,
      ...(first.params ? { params: first.params } : {}),
    }
  }
  return { error: error.detail, code: error.code, ...(error.params ? { params: error.params } : {}) }
}

/** `work` undone alone when it throws; the transaction around it goes on. */
async function inSavepoint<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
  await m.query('SAVEPOINT bulk_record')
  try {
    const done = await work()
    await m.query('RELEASE SAVEPOINT bulk_record')
    return done
  } catch (error) {
    await m.query('ROLLBACK TO SAVEPOINT bulk_record')
    throw error
  }
}
