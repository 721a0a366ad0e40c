import { ApiError } from './http'

type Translate = (key: string) => string

/** Per-field messages from a problem+json `errors[]` (empty for anything else). */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  return err instanceof ApiError ? { ...err.fieldErrors } : {}
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status)
}

const STATUS_KEYS: Record<number, string> = {
  0: 'errors.network',
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  412: 'errors.stale',
  413: 'errors.tooLarge',
  423: 'errors.locked',
  428: 'errors.stale',
}

function statusKey(status: number): string | undefined {
  return (
    STATUS_KEYS[status] ??
    (status >= 500 ? 'errors.server' : status === 400 || status === 422 ? 'errors.validation' : undefined)
  )
}

/**
 * One line for a toast: the server's problem code in the reader's language (it says why, e.g.
 * "has sub-departments"), else its detail, else a localized text for the status.
 */
export function messageOf(err: unknown, t?: Translate): string {
  if (err instanceof ApiError) {
    if (err.status !== 0 && (err.problem.code || err.problem.detail)) return err.userMessage
    const key = statusKey(err.status)
    if (key && t) return t(key)
    return err.problem.title
  }
  if (err instanceof Error && err.message) return err.message
  if (typeof err === 'string' && err) return err
  return t ? t('errors.unknown') : 'Unknown error'
}
