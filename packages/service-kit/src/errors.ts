import {
  formatProblem,
  type FieldError,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from '@mosaic/schemas'

type Extra = Partial<Pick<Problem, 'errors' | 'current'>> & Record<string, unknown>

/**
 * An error that maps to an HTTP status and a problem+json body. Anything else becomes a 500.
 * `code` + `params` are what clients translate; `detail` is the English text of the same.
 */
export class HttpError extends Error {
  readonly code: string
  readonly params: ProblemParams | undefined

  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: Extra = {},
    code?: ProblemCode,
    params?: ProblemParams,
  ) {
    super(detail ?? title)
    this.code = code ?? defaultCode(status)
    this.params = params
  }
  get detail(): string {
    return this.message
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
}

const DEFAULT_CODES: Record<number, ProblemCode> = {
  400: 'http.bad_request',
  401: 'http.unauthorized',
  403: 'http.forbidden',
  404: 'http.not_found',
  409: 'http.conflict',
  412: 'http.stale',
  413: 'http.payload_too_large',
  415: 'http.unsupported_media_type',
  423: 'http.locked',
  428: 'http.precondition_required',
  429: 'http.too_many_requests',
  431: 'http.headers_too_large',
}

export function defaultCode(status: number): ProblemCode {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'http.internal' : 'http.bad_request')
}

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request')
}

/** The one way to answer with a coded problem: `problem(409, 'sales.customer.name_taken', { name })`. */
export function problem(
  status: number,
  code: ProblemCode,
  params?: ProblemParams,
  extra: Extra = {},
): HttpError {
  return new HttpError(status, statusTitle(status), englishOf(code, params), extra, code, params)
}

/** A per-field problem for `errors[]`; `message` is the English text of the code. */
export function fieldError(field: string, code: ProblemCode, params?: ProblemParams): FieldError {
  return { field, code, ...(params ? { params } : {}), message: englishOf(code, params) }
}

function englishOf(code: ProblemCode, params?: ProblemParams): string {
  return formatProblem(code, params, 'en') ?? code
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpError(400, 'Bad Request', detail, errors ? { errors } : {})
export const validationFailed = (errors: FieldError[]) =>
  new HttpError(
    400,
    'Validation failed',
    'One or more fields are invalid.',
    { errors },
    'http.validation_failed',
  )
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
