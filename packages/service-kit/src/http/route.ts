import {
  Router,
  type Request,
  type RequestHandler,
  type Response,
  type Router as ExpressRouter,
} from 'express'
import { z } from 'zod'
import { can, type PermissionCode, type Principal } from '@mosaic/permissions'
import type {} from '../auth/principal.js'
import type {} from '../events/service-token.js'
import { createHash } from 'node:crypto'
import { Problem, type FieldError } from '@mosaic/schemas'
import {
  fieldError,
  forbidden,
  preconditionRequired,
  problem,
  unauthorized,
  validationFailed,
} from '../errors.js'
import { parseOrThrow } from './validate.js'
import { INT4_MAX, inspectInput, isIdParam, isUuid, pathParamNames } from './guard.js'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call a route: a permission code, any signed-in user, anyone, (on the internal router only)
 * another service of the installation, or (on the portal router only) a signed-in portal customer.
 */
export type Access = string | { anyOf: string[] } | 'authenticated' | 'public' | 'service' | 'portal'

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
  /**
   * `no-store` for answers no cache may keep (tokens; no ETag either); default `private, no-cache`
   * (revalidate with the ETag every time).
   */
  cache?: 'no-store' | 'revalidate'
  /**
   * `:id` and `:<thing>Id` path parameters must be UUIDs (400 otherwise, before any query runs);
   * list here the ones that are not record ids.
   */
  textParams?: readonly string[]
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
  cache?: 'no-store' | 'revalidate'
  textParams?: readonly string[]
}

/** A declared route as the kit sees it: enough to drive it from a test (see `@mosaic/service-kit/testing`). */
export interface DeclaredRoute {
  method: Method
  /** Full path with Express parameters, e.g. `/api/sales/customers/:id`. */
  path: string
  access: Access
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  rawBody?: readonly string[]
  /** Path parameters that are not UUIDs. */
  textParams: readonly string[]
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
    const idParams = pathParamNames(spec.path).filter(
      (name) => isIdParam(name) && !spec.textParams?.includes(name),
    )
    this.router[spec.method](spec.path, ...(spec.middleware ?? []), async (req, res, next) => {
      try {
        const principal = checkAccess(spec.access, req)
        checkInput(spec, idParams, req)
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
        sendJson(req, res, status, result, spec.cache ?? 'revalidate')
      } catch (error) {
        next(error)
      }
    })
    return this
  }

  /** Every route declared so far, in declaration order. */
  routes(): DeclaredRoute[] {
    return this.registered.map((r) => ({
      method: r.method,
      path: this.basePath + r.path,
      access: r.access,
      params: r.params,
      query: r.query,
      body: r.body,
      rawBody: r.rawBody,
      textParams: r.textParams ?? [],
    }))
  }

  openApi(info: { title: string; version: string }) {
    return buildOpenApi(this.basePath, this.registered, info)
  }
}

function checkAccess(access: Access, req: Request): Principal | undefined {
  const principal = req.principal
  if (access === 'service') {
    if (!req.serviceCaller) throw unauthorized('service.token_required')
    return undefined
  }
  if (access === 'public') return principal
  if (!principal) throw unauthorized()
  // Portal customers and staff never stand in for each other, whatever router a route sits on.
  if (access === 'portal') {
    if (principal.kind !== 'portal') throw unauthorized()
    return principal
  }
  if (principal.kind === 'portal') throw unauthorized()
  if (access === 'authenticated') return principal
  const codes = typeof access === 'string' ? [access] : access.anyOf
  if (!codes.some((code) => can(principal, code as PermissionCode))) throw forbidden()
  return principal
}

/** `If-Match: "3"` (or the whole ETag, `"3-<digest>"`): the version the client saw. */
export function parseIfMatch(header: string | undefined): number {
  if (!header) throw preconditionRequired()
  const match = /^\s*(?:W\/)?"?(\d{1,10})(?:-[\w-]*)?"?\s*$/.exec(header)
  const version = match ? Number(match[1]) : NaN
  if (!(version >= 1 && version <= INT4_MAX)) throw problem(400, 'http.if_match_invalid')
  return version
}

/**
 * What every request passes before its schemas: body rules (a JSON route takes JSON, a route
 * without a body takes none), no unstorable text or abusive nesting anywhere, and record ids in
 * the path are UUIDs. Hostile input is a 400 here, never a database error later.
 */
function checkInput(
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType, unknown>,
  idParams: string[],
  req: Request,
) {
  if (!spec.rawBody) {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
    if (hasBody && !spec.body) throw problem(400, 'http.body_not_allowed')
    if (hasBody && !req.is('application/json')) throw problem(415, 'http.unsupported_media_type')
  }
  const errors: FieldError[] = [
    ...inspectInput(req.params, 'params'),
    ...inspectInput(req.query),
    ...(spec.rawBody ? [] : inspectInput(req.body)),
  ]
  for (const name of idParams) {
    const value = req.params[name]
    if (value !== undefined && !isUuid(value) && !errors.some((e) => e.field === `params.${name}`))
      errors.push(fieldError(`params.${name}`, 'validation.id'))
  }
  if (errors.length) throw validationFailed(errors)
}

/**
 * A JSON answer with its caching rules. The ETag covers the whole body (`"<version>-<digest>"`
 * for a record, `W/"<digest>"` otherwise), so any visible change — a derived field too — changes
 * it; `If-None-Match` is compared weakly and answers 304 only when nothing changed.
 */
function sendJson(
  req: Request,
  res: Response,
  status: number,
  result: unknown,
  cache: 'no-store' | 'revalidate',
) {
  const body = JSON.stringify(result)
  res.status(status).type('application/json')
  if (cache === 'no-store') {
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('Pragma', 'no-cache')
    return void res.send(body)
  }
  res.setHeader('Cache-Control', 'private, no-cache')
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22)
  const version = (result as { version?: unknown })?.version
  const etag = typeof version === 'number' ? `"${version}-${digest}"` : `W/"${digest}"`
  res.setHeader('ETag', etag)
  if (
    (req.method === 'GET' || req.method === 'HEAD') &&
    status === 200 &&
    matchesEtag(req.headers['if-none-match'], etag)
  )
    return void res.status(304).end()
  res.send(body)
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '')
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
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
