import { z } from 'zod'
import { pageOf, sales } from '@mosaic/schemas'
import {
  HttpError,
  findUser,
  registerAggregate,
  validationFailed,
  type AggregateContext,
  type ApiRouter,
  type Database,
  type Service,
  fieldError,
} from '@mosaic/service-kit'
import type { EntityManager } from 'typeorm'
import type { SalesConfig } from '../../config.js'
import { assignCustomer, claimCustomer, listPool, releaseCustomer } from './pool.service.js'
import { previewRecycling, runRecycling, upcomingRecycling } from './recycling.js'

type Logger = Service['logger']

const DAY_MS = 86_400_000

export function registerPoolRoutes(api: ApiRouter, db: Database, config: SalesConfig, logger: Logger) {
  const tz = config.BUSINESS_TIME_ZONE
  const pool = { resource: 'sales.pool', tag: 'pool', db } as const
  registerAggregate(api, {
    ...pool,
    path: '/pool',
    list: {
      summary: 'Customers in the public pool',
      query: sales.PoolListQuery,
      response: pageOf(sales.PoolCustomer),
      run: (m, _ctx, query) => listPool(m, query),
    },
    views: {
      upcoming: {
        summary: 'Customers in my scope about to return to the pool',
        access: 'sales.customer.read',
        response: z.array(sales.UpcomingRecycle),
        run: (m, ctx) => upcomingRecycling(m, ctx.principal, new Date(), tz),
      },
      'recycling/preview': {
        summary: 'What a recycling run at `at` (default: tomorrow) would return to the pool, and why',
        access: 'run',
        query: sales.RecyclePreviewQuery,
        response: sales.RecyclePreview,
        run: (_m, _ctx, { query }) =>
          previewRecycling(db, query.at ? new Date(query.at) : new Date(Date.now() + DAY_MS), tz),
      },
    },
    commands: {
      'recycling/run': {
        summary: 'Run pool recycling now (idempotent)',
        access: 'run',
        response: sales.RecycleRun,
        ownTransactions: true,
        run: () => runRecycling(db, new Date(), tz, logger),
      },
      ':id/claim': {
        summary: 'Claim a pool customer (the caller becomes its owner)',
        access: 'claim',
        response: sales.Customer,
        run: (m, ctx, { params }) => claimCustomer(m, ctx, params.id!, tz),
      },
      assign: {
        summary: 'Assign pool customers to a user (per-record results)',
        access: 'assign',
        body: sales.PoolAssign,
        response: sales.BulkResult,
        ownTransactions: true,
        run: (m, ctx, { body }) => assignFromPool(db, m, ctx, body, logger),
      },
    },
  })
  registerAggregate(api, {
    ...pool,
    path: '/customers',
    commands: {
      ':id/release': {
        summary: 'Move a customer to the public pool (If-Match)',
        access: 'release',
        body: sales.ReleaseToPool,
        response: sales.Customer,
        ifMatch: true,
        run: (m, ctx, { body, params, version }) => releaseCustomer(m, ctx, params.id!, version, body.reason),
      },
    },
  })
}

async function assignFromPool(
  db: Database,
  reader: EntityManager,
  ctx: AggregateContext,
  body: z.infer<typeof sales.PoolAssign>,
  logger: Logger,
): Promise<sales.BulkResult> {
  const user = await findUser(reader, body.ownerId)
  if (!user) throw validationFailed([fieldError('ownerId', 'sales.user.unknown')])
  if (!user.enabled) throw validationFailed([fieldError('ownerId', 'sales.user.disabled')])
  const owner = { id: user.id, name: user.displayName, deptId: user.deptId }
  const results: sales.BulkResult['results'] = []
  for (const id of new Set(body.ids)) {
    try {
      // One transaction per customer: a refused one must not undo the customers assigned before it.
      const row = await db.transaction((m) => assignCustomer(m, ctx, id, owner))
      results.push({ id, ok: true, title: `${row.name} (${row.number})` })
    } catch (error) {
      results.push(await failure(reader, id, error, logger))
    }
  }
  const succeeded = results.filter((r) => r.ok).length
  return { results, succeeded, failed: results.length - succeeded }
}

const codeOf = (e: HttpError) => ({ code: e.code, ...(e.params ? { params: e.params } : {}) })

/** One refused record of a bulk operation; a pool customer's name is public, so 409s carry it. */
async function failure(reader: EntityManager, id: string, error: unknown, logger: Logger) {
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
  const title = error.status === 404 ? null : await titleOf(reader, id)
  return { id, ok: false, title, status: error.status, error: error.detail, ...codeOf(error) }
}

async function titleOf(reader: EntityManager, id: string): Promise<string | null> {
  const [c] = await reader.query('SELECT name, number FROM customer WHERE id = $1', [id])
  return c ? `${c.name} (${c.number})` : null
}
