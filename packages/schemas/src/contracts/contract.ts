import type { z } from 'zod'

/** HTTP methods as the services declare them (`api.route({ method: 'get', … })`). */
export type ContractMethod = 'get' | 'post' | 'patch' | 'put' | 'delete'

/**
 * One service route as its callers see it: method, full path pattern (`:name` segments are
 * path parameters) and the schemas of what goes in and comes out. Pure data: the apps' clients
 * are derived from it, and each service's tests check it against the routes it declares.
 */
export interface RouteContract {
  readonly method: ContractMethod
  readonly path: string
  /** Query string schema; the client sends its input type. */
  readonly query?: z.ZodType
  /** Request body schema; the client sends its input type (defaults may be left out). */
  readonly body?: z.ZodType
  /** Answer schema; the client resolves to its output type (void when absent). */
  readonly response?: z.ZodType
}

/** A service's contracts by name; `const` keeps each path literal so its parameters are typed. */
export function defineRoutes<const T extends Record<string, RouteContract>>(routes: T): T {
  return routes
}

/** `'/api/sales/customers/:id/team/:userId'` → `'id' | 'userId'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

type Input<S> = S extends z.ZodType ? z.input<S> : never

/** The body a caller sends: the schema's input type (defaults may be left out); `never` without one. */
export type ContractBody<C extends RouteContract> = Input<C['body']>

/** The query a caller sends: the schema's input type; free-form (list filters) when none is declared. */
export type ContractQuery<C extends RouteContract> = C['query'] extends z.ZodType
  ? z.input<C['query']>
  : Record<string, unknown>

/** What the route answers: its response schema's output type, `void` when it declares none. */
export type ContractResponse<C extends RouteContract> = C['response'] extends z.ZodType
  ? z.output<C['response']>
  : void
