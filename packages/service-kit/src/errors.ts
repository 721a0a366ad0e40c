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
  422: 'Unprocessable Content',
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

/**
 * A refusal of the `index`th item of a batch (a run of imported rows, a list of owners), so the
 * caller can say which one: an import reports that row's line (`ExchangeSpec.createMany`).
 */
export function atRow<E>(index: number, error: E): E {
  if (error instanceof Error) Object.assign(error, { importIndex: index })
  return error
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

/*
 * Shorthands for the common statuses. Each takes a catalog code (never free text), so every
 * answer reads in the client's language; the defaults are the generic code of the status.
 */
const withErrors = (errors?: FieldError[]): Extra => (errors ? { errors } : {})

export const badRequest = (
  code: ProblemCode = 'http.bad_request',
  params?: ProblemParams,
  errors?: FieldError[],
) => problem(400, code, params, withErrors(errors))
export const validationFailed = (errors: FieldError[]) =>
  new HttpError(
    400,
    'Validation failed',
    'One or more fields are invalid.',
    { errors },
    'http.validation_failed',
  )
export const unauthorized = (code: ProblemCode = 'http.unauthorized', params?: ProblemParams) =>
  problem(401, code, params)
export const forbidden = (code: ProblemCode = 'http.forbidden', params?: ProblemParams) =>
  problem(403, code, params)
export const notFound = (code: ProblemCode = 'http.not_found', params?: ProblemParams) =>
  problem(404, code, params)
export const conflict = (
  code: ProblemCode = 'http.conflict',
  params?: ProblemParams,
  errors?: FieldError[],
) => problem(409, code, params, withErrors(errors))
/** A 409 about one field, e.g. a name already taken: the same code at the top and on the field. */
export const fieldConflict = (field: string, code: ProblemCode, params?: ProblemParams) =>
  conflict(code, params, [fieldError(field, code, params)])
/**
 * 422: the request is well formed but what it names cannot be used (an unknown or unusable
 * record, an amount over what is left). The first field's code is the problem's code.
 */
export const unprocessable = (errors: [FieldError, ...FieldError[]]) =>
  problem(422, errors[0].code as ProblemCode, errors[0].params as ProblemParams | undefined, { errors })
/** A 422 about one field. */
export const fieldUnprocessable = (field: string, code: ProblemCode, params?: ProblemParams) =>
  unprocessable([fieldError(field, code, params)])
export const preconditionFailed = (current: unknown) => problem(412, 'http.stale', undefined, { current })
export const preconditionRequired = () => problem(428, 'http.precondition_required')
export const locked = (code: ProblemCode = 'http.locked', params?: ProblemParams) =>
  problem(423, code, params)
export const tooManyRequests = (code: ProblemCode = 'http.too_many_requests', params?: ProblemParams) =>
  problem(429, code, params)
