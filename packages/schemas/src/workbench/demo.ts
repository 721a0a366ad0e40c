import { z } from 'zod'
import { IsoDateTime } from '../common.js'

/**
 * The demo company (演示数据, SPEC §5): `POST /api/admin/demo` starts loading it through the services'
 * own APIs (demo mode only) and answers at once; `GET /api/admin/demo` shows its progress. Loading
 * again after it is done changes nothing.
 */
export const DemoStep = z.object({
  key: z.string(),
  done: z.number().int(),
  total: z.number().int(),
})
export const DemoStatus = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  startedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
  steps: z.array(DemoStep),
  /** A problem code when it failed (the UI renders it in the reader's language), with its English text. */
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
})
export type DemoStatus = z.infer<typeof DemoStatus>
