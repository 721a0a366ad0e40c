import type { z } from 'zod'

/** What a row may hold for a field of the API shape: the value itself, or a Date where the shape has an ISO string. */
type Stored<V> = V | (Extract<V, string> extends never ? never : Date | Extract<V, null>)

/** A row that has every field of the shape `O` (dates as Date). */
export type RowOf<O> = { [K in keyof O]-?: Stored<O[K]> }

/**
 * A presenter that only copies: the schema's fields picked from the row, dates as ISO strings
 * (a nullable field the row leaves undefined is null). Presenters that compute something (an example number, a total, the caller's
 * access) spread it and add their own fields.
 */
export function presentBy<S extends z.ZodObject>(schema: S): (row: RowOf<z.output<S>>) => z.output<S> {
  const fields = Object.entries(schema.shape as Record<string, z.ZodType>).map(
    ([key, field]) => [key, field.safeParse(null).success] as const,
  )
  return (row) => {
    const out: Record<string, unknown> = {}
    const source = row as Record<string, unknown>
    for (const [key, nullable] of fields) {
      const value = source[key]
      out[key] = value instanceof Date ? value.toISOString() : value === undefined && nullable ? null : value
    }
    return out as z.output<S>
  }
}
