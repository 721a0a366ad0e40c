import { z } from 'zod'

const Counts = z.object({ created: z.number().int(), existing: z.number().int() })

/** `POST /api/admin/init` is idempotent: a second call creates nothing and reports what exists. */
export const InitResult = z.object({
  roles: Counts,
  dictionaryTypes: Counts,
  dictionaryEntries: Counts,
  departments: Counts,
  numberRules: Counts,
  closureRules: Counts,
  poolRules: Counts,
  approvalFlows: Counts,
  adminUser: z.enum(['created', 'existing', 'skipped']),
})
export type InitResult = z.infer<typeof InitResult>
