import type {
  ContractBody,
  ContractQuery,
  ContractResponse,
  PathParamNames,
  RouteContract,
} from '@mosaic/schemas/contracts'
import type { ApiClient, RequestOptions } from './http'

/** The path's `:name` segments, as strings or numbers (each is URL-encoded). */
type ParamsOption<C extends RouteContract> = [PathParamNames<C['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<C['path']>, string | number> }

/** A declared body is required unless its schema accepts `undefined`; no schema, no body. */
type BodyOption<C extends RouteContract> = C['body'] extends object
  ? undefined extends ContractBody<C>
    ? { body?: ContractBody<C> }
    : { body: ContractBody<C> }
  : { body?: undefined }

export type ContractCallOptions<C extends RouteContract> = ParamsOption<C> &
  BodyOption<C> & { query?: ContractQuery<C> } & Omit<RequestOptions, 'query'>

/** `'/api/sales/customers/:id'` + `{ id }` → `'/api/sales/customers/<id>'`; a missing parameter is a bug. */
export function contractUrl(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${path}: no value for path parameter "${name}"`)
    return encodeURIComponent(String(value))
  })
}

// Options may be left out when none is required (no path parameter, no required body).
type Optional<T> = Partial<T> extends T ? [options?: T] : [options: T]

/** Calls one route through its contract (see `contractCaller`). */
export type ContractCall = <C extends RouteContract>(
  contract: C,
  ...options: Optional<ContractCallOptions<C>>
) => Promise<ContractResponse<C>>

/**
 * Calls service routes through their contracts: the URL from the path and `params`, the method
 * from the contract, body and answer typed by its schemas. `transport` (the page's `api`) stays
 * in charge of tokens, refresh and problem+json errors; nothing is validated here, the service
 * checks its input. The transport is passed in, not imported, so a test's stand-in `api` is used.
 */
export function contractCaller(transport: ApiClient): ContractCall {
  return (contract, ...[options]) => {
    const { params, body, ...rest } = (options ?? {}) as {
      params?: Record<string, string | number>
      body?: unknown
    } & RequestOptions
    const url = contractUrl(contract.path, params)
    const request = Object.keys(rest).length ? rest : undefined
    const method = contract.method
    // Exactly the arguments a hand-written call passes: no trailing `undefined`s.
    const args: unknown[] = method === 'get' || method === 'delete' ? [url, request] : [url, body, request]
    while (args.length > 1 && args[args.length - 1] === undefined) args.pop()
    const send = transport[method] as (...a: unknown[]) => Promise<never>
    return send.apply(transport, args)
  }
}
