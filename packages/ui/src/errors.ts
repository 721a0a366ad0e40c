import type { Problem } from '@mosaic/schemas'

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
  const out: Record<string, string> = {}
  for (const e of p.problem?.errors ?? []) out[e.field] ??= e.message
  return out
}

export function problemText(err: unknown): string {
  const p = asProblem(err)
  if (p) return p.problem?.detail || p.problem?.title || p.message || `HTTP ${p.status}`
  if (err instanceof Error) return err.message
  return String(err)
}
