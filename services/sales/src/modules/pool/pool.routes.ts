import { z } from 'zod'
import { pageOf, sales } from '@mosaic/schemas'
import {
  HttpError,
  IdParams,
  findUser,
  recordContext,
  validationFailed,
  type ApiRouter,
  type Database,
  type Service,
  fieldError,
} from '@mosaic/service-kit'
import type { SalesConfig } from '../../config.js'
import { assignCustomer, claimCustomer, listPool, releaseCustomer } from './pool.service.js'
import { previewRecycling, runRecycling, upcomingRecycling } from './recycling.js'

type Logger = Service['logger']

const DAY_MS = 86_400_000

export function registerPoolRoutes(api: ApiRouter, db: Database, config: SalesConfig, logger: Logger) {
  const tags = ['pool']
  const tz = config.BUSINESS_TIME_ZONE
  api.route({
    method: 'get',
    path: '/pool',
    summary: 'Customers in the public pool',
    tags,
    access: 'sales.pool.read',
    query: sales.PoolListQuery,
    response: pageOf(sales.PoolCustomer),
    handler: ({ query }) => listPool(db.dataSource.manager, query),
  })
  api.route({
    method: 'get',
    path: '/pool/upcoming',
    summary: 'Customers in my scope about to return to the pool',
    tags,
    access: 'sales.customer.read',
    response: z.array(sales.UpcomingRecycle),
    handler: ({ principal }) => db.transaction((m) => upcomingRecycling(m, principal, new Date(), tz)),
  })
  api.route({
    method: 'get',
    path: '/pool/recycling/preview',
    summary: 'What a recycling run at `at` (default: tomorrow) would return to the pool, and why',
    tags,
    access: 'sales.pool.run',
    query: sales.RecyclePreviewQuery,
    response: sales.RecyclePreview,
    handler: ({ query }) =>
      previewRecycling(db, query.at ? new Date(query.at) : new Date(Date.now() + DAY_MS), tz),
  })
  api.route({
    method: 'post',
    path: '/pool/recycling/run',
    summary: 'Run pool recycling now (idempotent)',
    tags,
    access: 'sales.pool.run',
    status: 200,
    response: sales.RecycleRun,
    handler: () => runRecycling(db, new Date(), tz, logger),
  })
  api.route({
    method: 'post',
    path: '/pool/:id/claim',
    summary: 'Claim a pool customer (the caller becomes its owner)',
    tags,
    access: 'sales.pool.claim',
    params: IdParams,
    status: 200,
    response: sales.Customer,
    handler: ({ params, principal, requestId }) =>
      db.transaction((m) =>
        claimCustomer(m, { ...recordContext(principal, requestId), principal }, params.id, tz),
      ),
  })
  api.route({
    method: 'post',
    path: '/pool/assign',
    summary: 'Assign pool customers to a user (per-record results)',
    tags,
    access: 'sales.pool.assign',
    body: sales.PoolAssign,
    status: 200,
    response: sales.BulkResult,
    handler: async ({ body, principal, requestId }) => {
      const user = await db.transaction((m) => findUser(m, body.ownerId))
      if (!user) throw validationFailed([fieldError('ownerId', 'sales.user.unknown')])
      if (!user.enabled) throw validationFailed([fieldError('ownerId', 'sales.user.disabled')])
      const owner = { id: user.id, name: user.displayName, deptId: user.deptId }
      const ctx = recordContext(principal, requestId)
      const results: sales.BulkResult['results'] = []
      for (const id of new Set(body.ids)) {
        try {
          const row = await db.transaction((m) => assignCustomer(m, ctx, id, owner))
          results.push({ id, ok: true, title: `${row.name} (${row.number})` })
        } catch (error) {
          results.push(await failure(db, id, error, logger))
        }
      }
      const succeeded = results.filter((r) => r.ok).length
      return { results, succeeded, failed: results.length - succeeded }
    },
  })
  api.route({
    method: 'post',
    path: '/customers/:id/release',
    summary: 'Move a customer to the public pool (If-Match)',
    tags,
    access: 'sales.pool.release',
    params: IdParams,
    body: sales.ReleaseToPool,
    status: 200,
    response: sales.Customer,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      const ctx = { ...recordContext(principal, requestId), principal }
      return db.transaction((m) => releaseCustomer(m, ctx, params.id, version, body.reason))
    },
  })
}

const codeOf = (e: HttpError) => ({ code: e.code, ...(e.params ? { params: e.params } : {}) })

/** One refused record of a bulk operation; a pool customer's name is public, so 409s carry it. */
async function failure(db: Database, id: string, error: unknown, logger: Logger) {
  if (!(error instanceof HttpError)) {
    logger.error({ err: error, customerId: id }, 'pool assignment failed')
    return {
      id,
      ok: false,
      title: null,
      status: 500,
      error: 'An unexpected error occurred.',
      code: 'http.internal',
    }
  }
  const title =
    error.status === 404
      ? null
      : await db.transaction(async (m) => {
          const [c] = await m.query('SELECT name, number FROM customer WHERE id = $1', [id])
          return c ? `${c.name} (${c.number})` : null
        })
  return { id, ok: false, title, status: error.status, error: error.detail, ...codeOf(error) }
}
