import { BULK_IDS_MAX, type BulkDeleteBody, type BulkEditBody } from '@mosaic/schemas'
import { bulkRoutesOf } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import { asProblem, problemText } from '../errors'
import type { BulkResult } from '@mosaic/schemas'

/** A list's bulk calls; either may be missing (a list without bulk delete, or with its own edit). */
export interface BulkClient {
  edit?: (body: BulkEditBody) => Promise<BulkResult>
  remove?: (body: BulkDeleteBody) => Promise<BulkResult>
}

/** `bulk-edit` and `bulk-delete` of the list at `listPath` (its list route's path), from the contract. */
export function bulkClient(listPath: string): Required<BulkClient> {
  const routes = bulkRoutesOf(listPath)
  const call = contractCaller(api)
  return {
    edit: (body) => call(routes.BulkEdit, { body }),
    remove: (body) => call(routes.BulkDelete, { body }),
  }
}

export interface ChunkOptions {
  /** Called after each chunk with the ids done so far. */
  onProgress?: (done: number, total: number) => void
  /** The record's name for a chunk the service refused as a whole (results show names, never ids). */
  titleOf?: (id: string) => string | null
  size?: number
}

/**
 * Sends `ids` in chunks of at most `BULK_IDS_MAX` (the service's limit), one after the other,
 * and merges the per-record results. A chunk refused as a whole (a field not allowed in bulk,
 * a lost connection) counts each of its records as failed with that reason, and the rest go on.
 */
export async function inChunks(
  ids: readonly string[],
  send: (ids: string[]) => Promise<BulkResult>,
  o: ChunkOptions = {},
): Promise<BulkResult> {
  const size = o.size ?? BULK_IDS_MAX
  const merged: BulkResult = { results: [], succeeded: 0, failed: 0 }
  o.onProgress?.(0, ids.length)
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size)
    const answer = await send(chunk).catch((err: unknown) => refusedChunk(chunk, err, o.titleOf))
    merged.results.push(...answer.results)
    merged.succeeded += answer.succeeded
    merged.failed += answer.failed
    o.onProgress?.(Math.min(start + size, ids.length), ids.length)
  }
  return merged
}

function refusedChunk(chunk: string[], err: unknown, titleOf?: (id: string) => string | null): BulkResult {
  const problem = asProblem(err)?.problem
  const reason = {
    error: problemText(err),
    ...(problem?.code ? { code: problem.code } : {}),
    ...(problem?.params ? { params: problem.params } : {}),
  }
  return {
    results: chunk.map((id) => ({ id, ok: false, title: titleOf?.(id) ?? null, ...reason })),
    succeeded: 0,
    failed: chunk.length,
  }
}
