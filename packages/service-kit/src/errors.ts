import type { FieldError, Problem } from '@mosaic/schemas'

/** An error that maps to an HTTP status and a problem+json body. Anything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: Partial<Pick<Problem, 'errors' | 'current'>> & Record<string, unknown> = {},
  ) {
    super(detail ?? title)
  }
  get detail(): string {
    return this.message
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpError(400, 'Bad Request', detail, errors ? { errors } : {})
export const validationFailed = (errors: FieldError[]) =>
  new HttpError(400, 'Validation failed', 'One or more fields are invalid.', { errors })
export const unauthorized = (detail = 'Authentication required.') =>
  new HttpError(401, 'Unauthorized', detail)
export const forbidden = (detail = 'You do not have permission for this action.') =>
  new HttpError(403, 'Forbidden', detail)
export const notFound = (what = 'Record') => new HttpError(404, 'Not Found', `${what} not found.`)
export const conflict = (detail: string, errors?: FieldError[]) =>
  new HttpError(409, 'Conflict', detail, errors ? { errors } : {})
export const preconditionFailed = (current: unknown) =>
  new HttpError(
    412,
    'Precondition Failed',
    'The record was changed by someone else. Reload it and apply your change again.',
    { current },
  )
export const preconditionRequired = () =>
  new HttpError(428, 'Precondition Required', 'Send If-Match with the version you are editing.')
export const locked = (detail: string) => new HttpError(423, 'Locked', detail)
export const tooManyRequests = (detail = 'Too many requests, try again later.') =>
  new HttpError(429, 'Too Many Requests', detail)
