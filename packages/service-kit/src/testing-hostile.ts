import fc from 'fast-check'
import { z } from 'zod'
import { isProblemCode } from '@mosaic/schemas'
import type { DeclaredRoute } from './http/route.js'

export interface HostileInputOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:4321` (routes carry their full paths). */
  origin: string
  /** `[...service.api.routes()]`: every declared route is driven. */
  routes: DeclaredRoute[]
  /** A bearer token allowed everything (a super administrator), so requests get past access checks. */
  token: string
  /** Existing record ids to put into path parameters now and then, so handlers run past "not found". */
  ids?: string[]
  /** Generated requests per route (default 25). */
  runs?: number
  /** Fixed for reproducible runs; a failure report names it. */
  seed?: number
  /** Routes to leave out (say why where you call it). */
  skip?: (route: DeclaredRoute) => boolean
  /** Sees every answer (e.g. to tally statuses and check the run gets past validation). */
  onAnswer?: (route: string, status: number, code: string | undefined, answer: string) => void
}

export interface HostileFailure {
  route: string
  request: { path: string; query: string; body?: string; contentType?: string; ifMatch?: string }
  status: number
  reason: string
  answer: string
}

const UUID_NIL = '00000000-0000-4000-8000-000000000000'

/** Text nothing may store or that breaks naive code: NUL, lone surrogates, huge, odd. */
const hostileText = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  'x'.repeat(20_000),
  '',
  ' ',
  '%',
  '../../etc/passwd',
  "'; DROP TABLE x; --",
  '0000-01-01',
  '-infinity',
  'NaN',
  '1e400',
  '\u202e\u200b',
  '😀'.repeat(300),
)

/** Values of the wrong type or shape, prototype keys and deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    [],
    {},
    ['\u0000'],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
    nest(30),
    Array.from({ length: 3000 }, (_, i) => i),
  ),
)

function nest(depth: number): unknown {
  let value: unknown = 'deep'
  for (let i = 0; i < depth; i++) value = { a: [value] }
  return value
}

const extremeDates = fc.constantFrom(
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '9999-12-31',
  '2024-02-30',
  '10000-01-01',
)
const extremeDateTimes = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '1900-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-12:00',
  '2024-02-30T00:00:00Z',
  '2024-01-01T24:00:00Z',
)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's internal definition: its members depend on \`type\`
type Def = { type: string; [key: string]: any }
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def
const bagOf = (schema: z.ZodType): Record<string, unknown> =>
  (schema as unknown as { _zod: { bag?: Record<string, unknown> } })._zod.bag ?? {}

/**
 * Values for one schema: mostly the right type at its edges (longest allowed string, largest
 * number, earliest and latest dates — what passes validation and might still break the database),
 * sometimes something hostile instead.
 */
function valueFor(
  schema: z.ZodType | undefined,
  ids: string[],
  depth = 0,
  clean = false,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue
  const typed = typedValueFor(schema, ids, depth, clean)
  return clean ? typed : fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: hostileValue })
}

function typedValueFor(
  schema: z.ZodType,
  ids: string[],
  depth: number,
  clean = false,
): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  const bag = bagOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      if (clean && def.type === 'optional')
        return fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: typedValueFor(def.innerType, ids, depth, clean) },
        )
      return fc.oneof(
        { weight: 4, arbitrary: typedValueFor(def.innerType, ids, depth, clean) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      )
    case 'pipe':
      return typedValueFor(def.in, ids, depth, clean)
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const fields = Object.fromEntries(
        Object.entries(shape).map(([k, s]) => [k, valueFor(s, ids, depth + 1, clean)]),
      )
      const required = clean
        ? Object.keys(shape).filter(
            (k) => !['optional', 'default', 'prefault'].includes(defOf(shape[k]!).type),
          )
        : []
      return fc.record(fields, { requiredKeys: required })
    }
    case 'array':
    case 'set': {
      const max = Math.min(Number(bag.maximum ?? 5), 5)
      return fc.array(valueFor(def.element ?? def.valueType, ids, depth + 1, clean), { maxLength: max })
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((s) => valueFor(s, ids, depth + 1, clean)))
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), valueFor(def.valueType, ids, depth + 1, clean), {
        maxKeys: 3,
      })
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((s) => typedValueFor(s, ids, depth, clean)))
    case 'intersection':
      return typedValueFor(def.left, ids, depth, clean)
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>))
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'boolean':
      return fc.boolean()
    case 'number':
    case 'int':
    case 'bigint':
      return numberFor(bag)
    case 'string':
      return stringFor(bag, ids, clean)
    case 'date':
      return extremeDateTimes
    default:
      return hostileValue
  }
}

function numberFor(bag: Record<string, unknown>): fc.Arbitrary<unknown> {
  const min = Number.isFinite(bag.minimum) ? Number(bag.minimum) : -(2 ** 53 - 1)
  const max = Number.isFinite(bag.maximum) ? Number(bag.maximum) : 2 ** 53 - 1
  const edges = [min, max, 0, 1, -1, 2 ** 31, 2 ** 31 - 1, 1e15].filter((n) => n >= min && n <= max)
  return fc.oneof(
    fc.constantFrom(...edges),
    fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }),
  )
}

function stringFor(bag: Record<string, unknown>, ids: string[], clean: boolean): fc.Arbitrary<unknown> {
  const format = bag.format as string | undefined
  if (format === 'uuid' || format === 'guid')
    return fc.oneof(fc.constantFrom(UUID_NIL, ...ids), fc.uuid(), fc.constantFrom('not-a-uuid', '1', ''))
  if (format === 'email') return fc.constantFrom('a@b.co', `${'x'.repeat(64)}@example.com`, 'not-an-email')
  if (format === 'date') return extremeDates
  if (format === 'datetime') return extremeDateTimes
  const max = Number.isFinite(bag.maximum) ? Math.min(Number(bag.maximum), 20_000) : 20_000
  const min = Number.isFinite(bag.minimum) ? Number(bag.minimum) : 0
  const atMost = (s: string) => s.slice(0, max)
  const patterns = bag.patterns instanceof Set ? [...(bag.patterns as Set<RegExp>)] : []
  if (patterns.length)
    return fc.stringMatching(patterns[0]!).filter((v) => v.length >= min && v.length <= max)
  if (clean)
    return fc.oneof(
      fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 20) }),
      fc.constantFrom(atMost('x'.repeat(max)), atMost('汉'.repeat(max))).filter((v) => v.length >= min),
    )
  return fc.oneof(
    fc.string({ minLength: Math.min(min, max), maxLength: Math.min(max, 30), unit: 'binary' }),
    fc.constantFrom(
      atMost('x'.repeat(max)),
      atMost('汉'.repeat(max)),
      atMost('😀'.repeat(Math.ceil(max / 2))),
    ),
    fc.constantFrom(...ids, UUID_NIL, '1', '-1', '0', '2024-01-01', '9999-12-31T23:59:59Z'),
  )
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {}
  const def = defOf(schema)
  if (def.type === 'object') return def.shape
  if (def.type === 'pipe') return objectShape(def.in)
  if (['optional', 'default', 'readonly'].includes(def.type)) return objectShape(def.innerType)
  return {}
}

/** A lone surrogate has no UTF-8 form; send the bytes a sloppy client would (CESU-8). */
function encodeSegment(value: string): string {
  return value.replace(/[\s\S]/gu, (ch) => {
    try {
      return encodeURIComponent(ch)
    } catch {
      const code = ch.charCodeAt(0)
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => '%' + b.toString(16).toUpperCase())
        .join('')
    }
  })
}

const asQueryValue = (value: unknown): string[] => {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.slice(0, 3).flatMap(asQueryValue)
  if (value !== null && typeof value === 'object') return [JSON.stringify(value)]
  return [String(value)]
}

function requestFor(route: DeclaredRoute, ids: string[]) {
  return fc.oneof(hostileRequestFor(route, ids), cleanRequestFor(route, ids))
}

/** Values of the declared types at their edges, so the handler and the database see them. */
function cleanRequestFor(route: DeclaredRoute, ids: string[]) {
  const paramNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const paramShape = objectShape(route.params)
  const params = fc.tuple(
    ...paramNames.map((name) =>
      route.textParams.includes(name) && paramShape[name]
        ? typedValueFor(paramShape[name], ids, 0, true).map((v) =>
            typeof v === 'string' ? v.slice(0, 200) : v,
          )
        : fc.constantFrom(UUID_NIL, ...ids),
    ),
  )
  const query = fc.record(
    Object.fromEntries(
      Object.entries(objectShape(route.query)).map(([k, s]) => [
        k,
        typedValueFor(s, ids, 0, true).map((v) => (typeof v === 'string' ? v.slice(0, 500) : v)),
      ]),
    ),
    { requiredKeys: [] },
  )
  const body = route.body
    ? typedValueFor(route.body, ids, 0, true).map((json) => ({ json }))
    : fc.constant({} as { json?: unknown })
  const ifMatch = fc.constantFrom(undefined, '"1"', '"2"')
  return fc.record({ params, query, body, ifMatch })
}

function hostileRequestFor(route: DeclaredRoute, ids: string[]) {
  const paramNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const paramShape = objectShape(route.params)
  const idLike = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(UUID_NIL, ...ids) },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '1', '-1', '99999999999', 'null', '%', '.') },
  )
  const params = fc.tuple(
    ...paramNames.map((name) =>
      paramShape[name] && route.textParams.includes(name)
        ? fc.oneof(valueFor(paramShape[name], ids), idLike)
        : paramShape[name]
          ? fc.oneof(valueFor(paramShape[name], ids), idLike)
          : idLike,
    ),
  )
  const queryShape = objectShape(route.query)
  const query = fc.record(
    {
      ...Object.fromEntries(Object.entries(queryShape).map(([k, s]) => [k, valueFor(s, ids)])),
      cursor: fc.oneof(
        fc.constant(undefined),
        hostileText,
        fc.constantFrom('garbage', Buffer.from('["0000-01-01","x"]').toString('base64url')),
      ),
      junk: fc.oneof(fc.constant(undefined), hostileText),
    },
    { requiredKeys: [] },
  )
  const body = route.rawBody
    ? fc.constantFrom(
        { raw: 'x', type: route.rawBody[0] },
        { raw: '\u0000', type: 'text/plain' },
        { raw: '', type: route.rawBody[0] },
      )
    : fc.oneof(
        {
          weight: 6,
          arbitrary: route.body ? valueFor(route.body, ids).map((json) => ({ json })) : fc.constant({}),
        },
        { weight: 1, arbitrary: hostileValue.map((json) => ({ json })) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { raw: 'olderThanDays=0', type: 'text/plain' },
            { raw: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
            { raw: '{"a": ', type: 'application/json' },
            { raw: '"\\u0000"', type: 'application/json' },
            { raw: '{"a":"\\ud800"}', type: 'application/json' },
            { raw: 'null', type: 'application/json' },
          ),
        },
      )
  const ifMatch = fc.constantFrom(
    undefined,
    '"1"',
    '"2"',
    '"0"',
    '"1.5"',
    'abc',
    '"99999999999"',
    '*',
    'W/"1"',
  )
  return fc.record({ params, query, body, ifMatch })
}

/**
 * Drives every declared route with generated hostile path params, queries and bodies (NUL bytes,
 * lone surrogates, huge strings, wrong types, deep nesting, junk ids, extreme dates, prototype
 * keys) as a user allowed everything, and fails listing every answer that was a 5xx, a 4xx that
 * is not problem+json with catalog codes, or the database safety net (`http.value_not_storable`:
 * the input should have been refused by the schemas).
 */
export async function assertHostileInputRefused(options: HostileInputOptions): Promise<void> {
  const failures = await findHostileInputFailures(options)
  if (failures.length === 0) return
  const shown = failures
    .slice(0, 25)
    .map(
      (f) =>
        `${f.route} → ${f.status} (${f.reason})\n    ${JSON.stringify(f.request).slice(0, 400)}\n    ${f.answer.slice(0, 300)}`,
    )
  throw new Error(
    `${failures.length} hostile request(s) were not refused cleanly (seed ${options.seed ?? DEFAULT_SEED}):\n${shown.join('\n')}`,
  )
}

const DEFAULT_SEED = 7

function safeCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code
  } catch {
    return undefined
  }
}

export async function findHostileInputFailures(options: HostileInputOptions): Promise<HostileFailure[]> {
  const { origin, token, ids = [], runs = 25, seed = DEFAULT_SEED } = options
  const failures: HostileFailure[] = []
  for (const route of options.routes) {
    if (options.skip?.(route)) continue
    const samples = fc.sample(requestFor(route, ids), { numRuns: runs, seed })
    for (const sample of samples) {
      const paramNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
      let path = route.path
      paramNames.forEach((name, i) => {
        const value = sample.params[i]
        const text =
          value === undefined || value === null
            ? 'null'
            : typeof value === 'string'
              ? value
              : JSON.stringify(value)
        path = path.replace(`:${name}`, encodeSegment(text || 'x'))
      })
      const search = new URLSearchParams()
      for (const [key, value] of Object.entries(sample.query as Record<string, unknown>))
        for (const v of asQueryValue(value)) search.append(key, v)
      const query = [...search].map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')
      const headers: Record<string, string> = { authorization: `Bearer ${token}` }
      if (sample.ifMatch) headers['if-match'] = sample.ifMatch
      let body: string | undefined
      const b = sample.body as { json?: unknown; raw?: string; type?: string }
      if (route.method !== 'get' && route.method !== 'delete') {
        if ('raw' in b && b.raw !== undefined) {
          body = b.raw
          headers['content-type'] = b.type!
        } else if ('json' in b && b.json !== undefined) {
          body = JSON.stringify(b.json)
          headers['content-type'] = 'application/json'
        }
      }
      const request = {
        path,
        query,
        body: body?.slice(0, 300),
        contentType: headers['content-type'],
        ifMatch: sample.ifMatch,
      }
      const res = await fetch(`${origin}${path}${query ? `?${query}` : ''}`, {
        method: route.method.toUpperCase(),
        headers,
        body,
      }).catch((error: Error) => ({ error }))
      const name = `${route.method.toUpperCase()} ${route.path}`
      if ('error' in res) {
        failures.push({ route: name, request, status: 0, reason: 'no answer', answer: String(res.error) })
        continue
      }
      const text = await res.text()
      options.onAnswer?.(name, res.status, res.status >= 400 ? safeCode(text) : undefined, text)
      const fail = (reason: string) =>
        failures.push({ route: name, request, status: res.status, reason, answer: text })
      if (res.status >= 500) fail('server error')
      else if (res.status >= 400) {
        if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? ''))
          fail('not problem+json')
        else {
          const problem = JSON.parse(text) as { code?: string; errors?: { code?: string }[] }
          if (problem.code === 'http.value_not_storable') fail('reached the database safety net')
          else if (!isProblemCode(problem.code)) fail(`unknown code ${problem.code}`)
          else if (problem.errors?.some((e) => !isProblemCode(e.code)))
            fail('a field error without a catalog code')
        }
      }
    }
  }
  return failures
}
