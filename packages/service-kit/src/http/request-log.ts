import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request id: the caller's X-Request-Id when usable, else a new one; echoed in the answer. */
      id: string
      /** A logger carrying the request id, for handlers that log about this request. */
      log: Logger
    }
  }
}

const REQUEST_ID = /^[\w-]{1,64}$/
/** Probes come often and say nothing worth a line. */
const UNLOGGED = new Set(['/healthz', '/readyz'])

/**
 * One log line per answered request (`request completed`: id, method, path, status, time, user,
 * route; an error level from 500 up) or per request the client gave up on (`request aborted`).
 * No headers are logged, so no credentials can be. The per-request child logger (`req.log`) is
 * made only when a handler asks for it: pino-http bound one on every request, serialising the
 * request through the redaction paths each time (a tenth of a list request's CPU).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    const incoming = req.headers['x-request-id']
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    req.id = id
    res.setHeader('X-Request-Id', id)
    let child: Logger | undefined
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ reqId: id })),
    })
    if (UNLOGGED.has(req.url)) return next()
    const line = () => ({
      reqId: id,
      req: { method: req.method, url: req.originalUrl },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
      userId: req.principal?.userId,
      route: req.route?.path as string | undefined,
    })
    res.once('finish', () => {
      if (res.statusCode >= 500) logger.error(line(), 'request completed')
      else logger.info(line(), 'request completed')
    })
    res.once('close', () => {
      if (!res.writableFinished) logger.warn(line(), 'request aborted')
    })
    next()
  }
}
