import type { z } from 'zod'
import type { FieldError } from '@mosaic/schemas'
import { validationFailed } from '../errors.js'

export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String)
      // zod reports unknown keys on the parent object; name the offending fields instead.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined]
      return keys.map((key) => ({
        field: [prefix, ...path, key].filter(Boolean).join('.') || '(body)',
        message: issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message,
        code: issue.code,
      }))
    })
    .flat()
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw validationFailed(toFieldErrors(result.error, prefix))
  return result.data
}
