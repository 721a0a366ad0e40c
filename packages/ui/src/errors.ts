import type { Problem } from '@mosaic/schemas'
import { fieldMessages, problemMessage } from '@mosaic/web-kit'

export interface ProblemLike {
  status: number
  problem?: Problem
  fieldErrors?: Record<string, string>
  message: string
}

/**
 * Duck-typed rather than `instanceof ApiError`: under module federation a remote may hold
 * a different copy of web-kit when sharing falls back, and the check must still work.
 */
export function asProblem(err: unknown): ProblemLike | null {
  if (err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number') {
    return err as ProblemLike
  }
  return null
}

export function fieldErrorMap(err: unknown): Record<string, string> {
  const p = asProblem(err)
  if (!p) return {}
  if (p.fieldErrors && Object.keys(p.fieldErrors).length) return p.fieldErrors
  return fieldMessages(p.problem?.errors)
}

export function problemText(err: unknown): string {
  const p = asProblem(err)
  if (p?.problem) return problemMessage(p.problem)
  if (p) return p.message || `HTTP ${p.status}`
  if (err instanceof Error) return err.message
  return String(err)
}
