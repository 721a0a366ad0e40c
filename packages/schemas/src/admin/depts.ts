import { z } from 'zod'
import { Id, RecordMeta } from '../common.js'

export const Dept = z.object({
  ...RecordMeta,
  name: z.string(),
  parentId: z.string().nullable(),
  leaderUserId: z.string().nullable(),
  sort: z.number().int(),
})
export type Dept = z.infer<typeof Dept>

export type DeptNode = Dept & { children: DeptNode[] }
export const DeptNode: z.ZodType<DeptNode> = Dept.extend({
  get children() {
    return z.array(DeptNode)
  },
})

export const DeptCreate = z.strictObject({
  name: z.string().trim().min(1).max(64),
  parentId: Id.nullable().optional(),
  leaderUserId: Id.nullable().optional(),
  sort: z.number().int().min(0).max(100000).default(0),
})
export type DeptCreate = z.input<typeof DeptCreate>

export const DeptUpdate = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  parentId: Id.nullable().optional(),
  leaderUserId: Id.nullable().optional(),
  sort: z.number().int().min(0).max(100000).optional(),
})
export type DeptUpdate = z.infer<typeof DeptUpdate>
