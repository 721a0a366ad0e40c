import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import { isPermissionCode, type Principal, type ResourceKey } from '@mosaic/permissions'
import { pageOf } from '@mosaic/schemas'
import type { Access, ApiRouter } from '../http/route.js'
import type { Database } from '../db/database.js'
import type { RecordBase } from './columns.js'
import type { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'
import { presentBy } from './present.js'
import { runIdempotent } from '../idempotency/idempotency.js'
import { IdParams, recordContext, registerRecordRoutes, type RecordRoutesOptions } from './record-routes.js'
import { registerBulkRoutes, type BulkOptions } from './bulk-routes.js'

/** The caller of a declared route: always with their principal. */
export type AggregateContext = RecordContext & { principal: Principal }

type PathParams = Record<string, string>
type Body<B> = B extends z.ZodType ? z.infer<B> : undefined

/**
 * Who may call: a full code, a special access, or a bare action of the aggregate's resource
 * (`'assign'` on resource `sales.lead` is `sales.lead.assign`).
 */
export type AggregateAccess = Access

/** `POST <path>/:id/<verb>` with If-Match: one state change of one record, answered with the record. */
export interface AggregateAction<T, B> {
  summary: string
  /** Default: the resource's code for the verb (`sales.lead.<verb>`). */
  access?: AggregateAccess
  body?: B
  run: (m: EntityManager, ctx: AggregateContext, id: string, version: number, body: Body<B>) => Promise<T>
}

/** Any other write under the aggregate's path (bulk operations, a command on a record without If-Match). */
export interface AggregateCommand<B> {
  /** Sub-path under the aggregate's path (`''`: the path itself); default: the command's key. */
  path?: string
  summary: string
  access: AggregateAccess
  method?: 'post' | 'put' | 'patch' | 'delete'
  body?: B
  params?: z.ZodType
  response?: z.ZodType
  /** Default 200 (a command answers what it did; 201 is for `create`). */
  status?: number
  /** The client must say which version it saw (`If-Match`). */
  ifMatch?: boolean
  /** For a command that manages its own transactions (one per record of a batch): no kit transaction. */
  ownTransactions?: true
  run: (
    m: EntityManager,
    ctx: AggregateContext,
    input: { body: Body<B>; params: PathParams; version: number; db: Database },
  ) => Promise<unknown>
}

/** A read under the aggregate's path besides the list (`/customers/duplicates`, `/customers/:id/contacts`). */
export interface AggregateView<Q> {
  summary: string
  /** Default: the resource's `read` code. */
  access?: AggregateAccess
  query?: Q
  params?: z.ZodType
  response: z.ZodType
  /** Reads that must see one state of several tables (a replica snapshot) run in one transaction. */
  snapshot?: true
  run: (
    m: EntityManager,
    ctx: AggregateContext,
    input: { query: Body<Q>; params: PathParams; db: Database },
  ) => Promise<unknown>
}

type Actions<T, A> = { [V in keyof A]: AggregateAction<T, A[V]> }
type Commands<C> = { [P in keyof C]: AggregateCommand<C[P]> }
type Views<V> = { [P in keyof V]: AggregateView<V[P]> }

export interface AggregateOptions<
  T extends RecordBase,
  U extends z.ZodType,
  Q,
  B,
  A,
  C,
  V,
  E = Partial<z.infer<U>>,
> extends Omit<RecordRoutesOptions<T, U>, 'access' | 'store' | 'present' | 'remove' | 'response' | 'tag'> {
  /**
   * `<service>.<resource>` of the permission catalog: `<resource>.<action>` is every route's code
   * unless the route says otherwise. Without it every route declares its access.
   */
  resource?: ResourceKey
  /** OpenAPI tag; default: the path's first segment. */
  tag?: string
  /** Without a store the aggregate has no record routes (`/:id`, audit, versions, restore). */
  store?: RecordStore<T>
  /** The record's API shape (and, unless `present` says otherwise, the presenter: `presentBy(response)`). */
  response?: z.ZodType
  present?: (m: EntityManager, row: T, ctx: AggregateContext) => unknown
  /** Overrides of the derived codes (e.g. the recycle-bin code of another resource). */
  access?: Partial<Record<'read' | 'create' | 'update' | 'delete' | 'restore' | 'revert', AggregateAccess>>
  /** GET <path>: a read, so no transaction (decision 45). */
  list?: {
    summary: string
    query?: Q
    /** Default: the path's parameters (a nested list, e.g. `/customers/:id/team`). */
    params?: z.ZodType
    /** Default: a page of the record's API shape. */
    response?: z.ZodType
    run: (m: EntityManager, ctx: AggregateContext, query: Body<Q>, params: PathParams) => Promise<unknown>
  }
  /** POST <path>: the new record, presented. */
  create?: {
    summary: string
    body: B
    /** Default: the path's parameters as text (`:code` of `/dictionaries/:code/entries`). */
    params?: z.ZodType
    /**
     * The request must carry an `Idempotency-Key` header: a retry with the same key and body
     * answers the first result instead of creating again (decision 79).
     */
    idempotent?: true
    run: (m: EntityManager, ctx: AggregateContext, body: Body<B>, params: PathParams) => Promise<T>
  }
  /** DELETE /:id: the aggregate's deletion rule, or `'soft'` for a plain move to the recycle bin. */
  remove?: RecordRoutesOptions<T, U>['remove'] | 'soft'
  /**
   * `POST <path>/bulk-edit` (with `edit`) and `POST <path>/bulk-delete` (when it has `remove`):
   * each record through `update.apply` / `remove` at its current version, one result per record
   * (`registerBulkRoutes`). Needs the store; access: the resource's `update` and `delete`.
   */
  bulk?: BulkOptions<T, U, E>
  /** State actions by verb: `POST <path>/:id/<verb>`. */
  actions?: Actions<T, A>
  /** Other writes by sub-path (`'bulk-assign'`, `':id/unlock'`), or by name with their `path`. */
  commands?: Commands<C>
  /** Other reads by sub-path (`'duplicates'`, `':id/contacts'`). */
  views?: Views<V>
}

/**
 * One aggregate's routes from one declaration: list, create, views, commands, state actions and
 * the record routes (`registerRecordRoutes`). The kit opens the transaction of every write,
 * parses If-Match, builds the caller's context, presents rows and derives each permission code
 * from its resource; the aggregate supplies its domain functions.
 */
export function registerAggregate<
  T extends RecordBase,
  U extends z.ZodType = z.ZodType,
  Q = undefined,
  B = undefined,
  A extends Record<string, unknown> = Record<string, never>,
  C extends Record<string, unknown> = Record<string, never>,
  V extends Record<string, unknown> = Record<string, never>,
  E = Partial<z.infer<U>>,
>(api: ApiRouter, o: AggregateOptions<T, U, Q, B, A, C, V, E>): void {
  const code = accessResolver(o.resource)
  const copy = !o.present && o.response instanceof z.ZodObject ? presentBy(o.response) : undefined
  const present = async (m: EntityManager, row: T, ctx: AggregateContext) =>
    o.present ? o.present(m, row, ctx) : copy ? copy(row as never) : row
  const tag = o.tag ?? o.path.split('/')[1]!
  const tags = [tag]
  const at = { path: o.path, tag, db: o.db, access: o.access }
  const list = o.list
  if (list)
    api.route({
      method: 'get',
      path: o.path,
      summary: list.summary,
      tags,
      access: code(o.access?.read ?? 'read'),
      params: list.params ?? pathParamsOf(o.path),
      query: list.query as z.ZodType | undefined,
      response: list.response ?? (o.response && pageOf(o.response)),
      handler: ({ params, query, principal, requestId }) =>
        list.run(
          o.db.dataSource.manager,
          context(principal, requestId),
          query as Body<Q>,
          params as PathParams,
        ),
    })
  const create = o.create
  if (create)
    api.route({
      method: 'post',
      path: o.path,
      summary: create.summary,
      tags,
      access: code(o.access?.create ?? 'create'),
      params: create.params ?? pathParamsOf(o.path),
      body: create.body as z.ZodType,
      response: o.response,
      handler: ({ params, body, principal, requestId, req, res }) => {
        const ctx = context(principal, requestId)
        const work = async (m: EntityManager) =>
          present(m, await create.run(m, ctx, body as Body<B>, params as PathParams), ctx)
        if (!create.idempotent) return o.db.transaction(work)
        const call = { req, res, route: `POST ${o.path}`, callerId: principal.userId, body, status: 201 }
        return runIdempotent(o.db, call, work)
      },
    })
  for (const [path, view] of entries<AggregateView<z.ZodType>>(o.views))
    registerView(api, at, code, path, view)
  for (const [path, command] of entries<AggregateCommand<z.ZodType>>(o.commands))
    registerCommand(api, at, code, path, command)
  for (const [verb, action] of entries<AggregateAction<T, z.ZodType>>(o.actions))
    registerCommand(api, at, code, `:id/${verb}`, {
      summary: action.summary,
      access: action.access ?? verb,
      body: action.body,
      params: IdParams,
      response: o.response,
      ifMatch: true,
      run: async (m, ctx, { body, params, version }) =>
        present(m, await action.run(m, ctx, params.id!, version, body), ctx),
    })
  if (o.bulk) {
    if (!o.store) throw new Error(`registerAggregate(${o.path}): bulk routes need the aggregate's store`)
    // Resolved only for the routes that exist: a resource may have no `delete` code at all.
    const access = {
      update: () => code(o.access?.update ?? 'update'),
      delete: () => code(o.access?.delete ?? 'delete'),
    }
    registerBulkRoutes(api, { ...o.bulk, ...at, store: o.store, update: o.update, remove: o.remove, access })
  }
  if (o.store) registerRecords(api, { ...o, tag }, o.store, code, present)
}

function registerRecords<T extends RecordBase, U extends z.ZodType>(
  api: ApiRouter,
  o: Omit<RecordRoutesOptions<T, U>, 'access' | 'store' | 'present' | 'remove'> &
    Pick<AggregateOptions<T, U, never, never, never, never, never>, 'resource' | 'access' | 'remove'>,
  store: RecordStore<T>,
  code: (access: AggregateAccess) => Access,
  present: (m: EntityManager, row: T, ctx: AggregateContext) => Promise<unknown>,
) {
  const revert = o.access?.revert ?? optionalCode(o.resource, 'revert')
  const remove = o.remove === 'soft' ? undefined : o.remove
  registerRecordRoutes(api, {
    ...o,
    store,
    remove,
    present: (m, row, ctx) => present(m, row, ctx as AggregateContext),
    access: {
      read: code(o.access?.read ?? 'read'),
      update: code(o.access?.update ?? 'update'),
      restore: code(o.access?.restore ?? defaultRestore(o.resource)),
      ...(o.remove ? { delete: code(o.access?.delete ?? 'delete') } : {}),
      ...(revert ? { revert: code(revert) } : {}),
    },
  })
}

function registerView(
  api: ApiRouter,
  o: { path: string; tag: string; db: Database; access?: { read?: AggregateAccess } },
  code: (access: AggregateAccess) => Access,
  path: string,
  view: AggregateView<z.ZodType>,
) {
  api.route({
    method: 'get',
    path: join(o.path, path),
    summary: view.summary,
    tags: [o.tag],
    access: code(view.access ?? o.access?.read ?? 'read'),
    params: view.params ?? pathParamsOf(join(o.path, path)),
    query: view.query as z.ZodType | undefined,
    response: view.response,
    handler: ({ params, query, principal, requestId }) => {
      const read = (m: EntityManager) =>
        view.run(m, context(principal, requestId), { query, params: params as PathParams, db: o.db })
      return view.snapshot ? o.db.transaction(read) : read(o.db.dataSource.manager)
    },
  })
}

function registerCommand(
  api: ApiRouter,
  o: { path: string; tag: string; db: Database },
  code: (access: AggregateAccess) => Access,
  path: string,
  command: AggregateCommand<z.ZodType>,
) {
  const full = join(o.path, command.path ?? path)
  api.route({
    method: command.method ?? 'post',
    path: full,
    summary: command.summary,
    tags: [o.tag],
    access: code(command.access),
    params: command.params ?? pathParamsOf(full),
    body: command.body as z.ZodType | undefined,
    response: command.response,
    status: command.status ?? 200,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = command.ifMatch ? expectedVersion() : 0
      const ctx = context(principal, requestId)
      const input = { body, params: params as PathParams, version, db: o.db }
      if (command.ownTransactions) return command.run(o.db.dataSource.manager, ctx, input)
      return o.db.transaction((m) => command.run(m, ctx, input))
    },
  })
}

function context(principal: Principal, requestId: string): AggregateContext {
  return { ...recordContext(principal, requestId), principal }
}

const join = (path: string, sub: string) => (sub ? `${path}/${sub}` : path)

function entries<E>(record: object | undefined): [string, E][] {
  return Object.entries(record ?? {}) as [string, E][]
}

/** `{ id }` for `/leads/:id/…`; other path parameters (`:code`) are kept as text. */
function pathParamsOf(path: string): z.ZodType | undefined {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  if (!names.length) return undefined
  if (names.length === 1 && names[0] === 'id') return IdParams
  return z.looseObject(Object.fromEntries(names.map((n) => [n, z.string().max(60)])))
}

const SPECIAL = new Set(['authenticated', 'public', 'service'])

/**
 * Turns a route's access into a permission check: a bare action becomes the resource's code,
 * which must exist in the permission catalog (a typo fails at startup, not as a 403 forever).
 */
export function accessResolver(resource: string | undefined) {
  return (access: AggregateAccess): Access => {
    if (typeof access !== 'string' || SPECIAL.has(access)) return access
    const full = access.includes('.') ? access : `${resource ?? '<no resource>'}.${access}`
    if (!isPermissionCode(full))
      throw new Error(
        `${resource ?? 'aggregate'}: ${full} is not a permission code; declare the route's access`,
      )
    return full
  }
}

function optionalCode(resource: string | undefined, action: string): string | undefined {
  const full = `${resource}.${action}`
  return resource && isPermissionCode(full) ? full : undefined
}

/** A resource without a restore code of its own is restored with its service's recycle-bin code. */
function defaultRestore(resource: string | undefined): string {
  return optionalCode(resource, 'restore') ?? `${resource?.split('.')[0]}.recycle.restore`
}
