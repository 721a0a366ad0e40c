import type { admin } from '@mosaic/schemas'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'

const call = contractCaller(api)

/** The approval center's calls to admin (the approval engine). */
export const approvalsApi = {
  tasks: (query: admin.TaskListQuery) => call(adminRoutes.listApprovalTasks, { query }),
  mine: (query: Partial<admin.InstanceListQuery>) => call(adminRoutes.listMyApprovals, { query }),
  counts: () => call(adminRoutes.approvalCounts),
  get: (id: string) => call(adminRoutes.getApproval, { params: { id } }),
  approve: (taskId: string, comment: string) =>
    call(adminRoutes.approveTask, { params: { id: taskId }, body: comment ? { comment } : {} }),
  reject: (taskId: string, comment: string) =>
    call(adminRoutes.rejectTask, { params: { id: taskId }, body: { comment } }),
}
