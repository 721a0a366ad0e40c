import type { HttpError } from '../errors.js'

/** Whether `error` is Postgres' unique violation (23505) of `constraint` (an index or a constraint name). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { driverError?: { code?: string; constraint?: string } }
  return e?.driverError?.code === '23505' && e.driverError.constraint === constraint
}

/**
 * Runs `work`, answering `refusal()` when it breaks the unique index `constraint`: the index is the
 * last word, so two concurrent writes of one key cannot both pass a check made before them. The
 * failed statement aborted the transaction, which the refusal rolls back.
 */
export async function uniqueOr<T>(
  work: Promise<T>,
  constraint: string,
  refusal: () => HttpError,
): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw refusal()
    throw error
  }
}
