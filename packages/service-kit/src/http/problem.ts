import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { HttpError, defaultCode, problem } from '../errors.js'

const PROBLEM_TYPE_BASE = 'https://mosaic-crm.dev/problems/'

function slug(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

function send(res: Parameters<RequestHandler>[1], status: number, body: Record<string, unknown>) {
  res.status(status).type('application/problem+json').json(body)
}

/** Renders any thrown error as problem+json; only HttpError/status-carrying errors reveal a detail. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err)
    const requestId = req.id as string | undefined
    const instance = req.originalUrl
    // Safety net, not the fix: a value the schemas let through but Postgres refused (class 22,
    // data exception; class 54, program limit). The client sent it, so it is a 400, logged so the
    // schema gets tightened; the hostile-input harness fails when any route reaches this.
    if (isUnstorableValue(err)) {
      logger.warn({ err, requestId }, 'a request value reached the database and was refused')
      err = problem(400, 'http.value_not_storable')
    }
    if (err instanceof HttpError) {
      return send(res, err.status, {
        type: PROBLEM_TYPE_BASE + slug(err.title),
        title: err.title,
        status: err.status,
        detail: err.detail,
        instance,
        requestId,
        code: err.code,
        ...(err.params ? { params: err.params } : {}),
        ...err.extra,
      })
    }
    // body-parser, permission guards and other libraries attach a status to client errors.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500
    if (status === 500) logger.error({ err, requestId }, 'unhandled error')
    const title = status === 500 ? 'Internal Server Error' : (err.title ?? clientTitle(status, err))
    send(res, status, {
      type: PROBLEM_TYPE_BASE + slug(title),
      title,
      status,
      detail: status === 500 ? 'An unexpected error occurred.' : clientDetail(status, err),
      instance,
      requestId,
      code: err?.type === 'entity.parse.failed' ? 'http.malformed_json' : defaultCode(status),
    })
  }
}

/** A Postgres data exception (SQLSTATE class 22) or program-limit error (class 54). */
export function isUnstorableValue(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null
  const code = e?.driverError?.code ?? e?.code
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code)
}

function clientTitle(status: number, err: { type?: string; name?: string }) {
  if (status === 413) return 'Payload Too Large'
  if (status === 401) return 'Unauthorized'
  if (status === 403) return 'Forbidden'
  if (err.type === 'entity.parse.failed') return 'Malformed JSON'
  return 'Bad Request'
}

function clientDetail(status: number, err: { message?: string; type?: string }) {
  if (status === 413) return 'The request body is larger than this service accepts.'
  if (err.type === 'entity.parse.failed') return 'The request body is not valid JSON.'
  return err.message ?? 'Bad request.'
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'Not Found', `No route for ${req.method} ${req.path}.`, {}, 'http.route_not_found'))
}
