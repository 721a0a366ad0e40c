import {
  Router,
  type Request,
  type RequestHandler,
  type Response,
  type Router as ExpressRouter,
} from 'express'
import { z } from 'zod'
import { can, type PermissionCode, type Principal } from '@mosaic/permissions'
import type {} from '@mosaic/permissions/express'
import type {} from '../events/service-token.js'
import { Problem } from '@mosaic/schemas'
import { forbidden, preconditionRequired, unauthorized, badRequest } from '../errors.js'
import { parseOrThrow } from './validate.js'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call a route: a permission code, any signed-in user, anyone, or (on the internal router
 * only) another service of the installation.
 */
export type Access = string | { anyOf: string[] } | 'authenticated' | 'public' | 'service'

export interface RouteContext<P, Q, B> {
  params: P
  query: Q
  body: B
  /** Set unless the route is public or internal. */
  principal: Principal
  /** The calling service on internal routes. */
  caller?: string
  requestId: string
  req: Request
  res: Response
  /** The version from `If-Match`; 428 when absent, since every write must say what it saw. */
  expectedVersion(): number
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> {
  method: Method
  path: string
  summary: string
  tags?: string[]
  access: Access
  params?: P
  query?: Q
  body?: B
  /** The handler reads the raw body itself (an upload); these are the media types it accepts. */
  rawBody?: readonly string[]
  response?: z.ZodType
  /** Success status; 204 when the handler returns undefined. */
  status?: number
  middleware?: RequestHandler[]
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<R> | R
}

interface Registered {
  method: Method
  path: string
  summary: string
  tags: string[]
  access: Access
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  rawBody?: readonly string[]
  response?: z.ZodType
  status: number
}

/**
 * Routes are declared once, with their schemas and permission: that single declaration validates
 * input, enforces access, and feeds the OpenAPI document, so the three cannot drift apart.
 */
export class ApiRouter {
  readonly router: ExpressRouter = Router()
  private readonly registered: Registered[] = []

  constructor(readonly basePath: string) {}

  route<
    P extends z.ZodType = z.ZodUnknown,
    Q extends z.ZodType = z.ZodUnknown,
    B extends z.ZodType = z.ZodUnknown,
    R = unknown,
  >(spec: RouteSpec<P, Q, B, R>): this {
    const status = spec.status ?? (spec.method === 'post' ? 201 : 200)
    this.registered.push({ ...spec, tags: spec.tags ?? [], status })
    this.router[spec.method](spec.path, ...(spec.middleware ?? []), async (req, res, next) => {
      try {
        const principal = checkAccess(spec.access, req)
        const ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>> = {
          params: spec.params ? parseOrThrow(spec.params, req.params, 'params') : (req.params as z.infer<P>),
          query: spec.query ? parseOrThrow(spec.query, req.query) : (req.query as z.infer<Q>),
          body: spec.body ? parseOrThrow(spec.body, req.body ?? {}) : (undefined as z.infer<B>),
          principal: principal as Principal,
          caller: req.serviceCaller,
          requestId: String(req.id),
          req,
          res,
          expectedVersion: () => parseIfMatch(req.headers['if-match']),
        }
        const result = await spec.handler(ctx)
        if (res.headersSent) return
        if (result === undefined) return void res.status(204).end()
        const version = (result as { version?: unknown })?.version
        if (typeof version === 'number') res.setHeader('ETag', `"${version}"`)
        res.status(status).json(result)
      } catch (error) {
        next(error)
      }
    })
    return this
  }

  openApi(info: { title: string; version: string }) {
    return buildOpenApi(this.basePath, this.registered, info)
  }
}

function checkAccess(access: Access, req: Request): Principal | undefined {
  const principal = req.principal
  if (access === 'service') {
    if (!req.serviceCaller) throw unauthorized('A service token is required.')
    return undefined
  }
  if (access === 'public') return principal
  if (!principal) throw unauthorized()
  if (access === 'authenticated') return principal
  const codes = typeof access === 'string' ? [access] : access.anyOf
  if (!codes.some((code) => can(principal, code as PermissionCode))) throw forbidden()
  return principal
}

export function parseIfMatch(header: string | undefined): number {
  if (!header) throw preconditionRequired()
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header)
  if (!match) throw badRequest('If-Match must be the record version, e.g. "3".')
  return Number(match[1])
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' })
  } catch {
    return {}
  }
}

function buildOpenApi(basePath: string, routes: Registered[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  const problem = { content: { 'application/problem+json': { schema: toJsonSchema(Problem, 'output') } } }
  for (const r of routes) {
    const path = basePath + r.path.replace(/:(\w+)/g, '{$1}')
    const parameters = [
      ...objectKeys(r.params).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...objectKeys(r.query).map((name) => ({
        name,
        in: 'query',
        required: false,
        schema: { type: 'string' },
      })),
    ]
    paths[path] ??= {}
    paths[path][r.method] = {
      summary: r.summary,
      tags: r.tags,
      ...(r.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
      'x-permission': typeof r.access === 'string' ? r.access : r.access.anyOf,
      parameters,
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      ...(r.rawBody
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                r.rawBody.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
          }
        : {}),
      responses: {
        [r.status]: r.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: toJsonSchema(r.response, 'output') } },
            }
          : { description: 'OK' },
        default: { description: 'Problem', ...problem },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  }
}

function objectKeys(schema: z.ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}
