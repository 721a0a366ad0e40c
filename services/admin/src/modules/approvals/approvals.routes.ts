import { z } from 'zod'
import { admin, Id, pageOf } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import { flowVersions, listFlows, saveFlow } from './flows.service.js'
import { decideTask, lockInstance, withdrawInstance } from './engine.js'
import {
  approvalCounts,
  documentApprovals,
  getApproval,
  listMine,
  listTasks,
  presentTasks,
  readInstance,
  staffId,
} from './reads.js'

const DocTypeParams = z.object({ docType: admin.ApprovalDocType })
const IdParams = z.object({ id: Id })

/** The flows (admin app) and the approval center (the caller's tasks and submissions). */
export function registerApprovalRoutes(api: ApiRouter, db: Database) {
  registerAggregate(api, {
    resource: 'admin.approval-flow',
    path: '/approval-flows',
    db,
    list: {
      summary: 'The current approval flow of every document type',
      response: z.array(admin.ApprovalFlow),
      run: (m) => listFlows(m),
    },
    views: {
      ':docType/versions': {
        summary: "Every saved version of a document type's flow, newest first",
        params: DocTypeParams,
        response: z.array(admin.ApprovalFlow),
        run: (m, _ctx, { params }) => flowVersions(m, params.docType as admin.ApprovalDocType),
      },
    },
    commands: {
      ':docType': {
        summary: "Save a new version of a document type's flow (409 when another was saved since)",
        method: 'put',
        access: 'update',
        params: DocTypeParams,
        body: admin.ApprovalFlowUpdate,
        response: admin.ApprovalFlow,
        run: (m, ctx, { params, body }) => saveFlow(m, ctx, params.docType as admin.ApprovalDocType, body),
      },
    },
  })

  registerAggregate(api, {
    path: '/approvals',
    db,
    access: { read: 'authenticated' },
    views: {
      tasks: {
        summary: "The caller's approval tasks: waiting (todo) or decided (done)",
        query: admin.TaskListQuery,
        response: pageOf(admin.ApprovalTask),
        run: (m, ctx, { query }) => listTasks(m, ctx.principal, query),
      },
      mine: {
        summary: "The caller's submissions, newest first",
        query: admin.InstanceListQuery,
        response: pageOf(admin.ApprovalInstance),
        run: (m, ctx, { query }) => listMine(m, ctx.principal, query),
      },
      counts: {
        summary: 'How many tasks wait for the caller',
        response: admin.ApprovalCounts,
        run: (m, ctx) => approvalCounts(m, ctx.principal),
      },
      'instances/:id': {
        summary: 'One submission with its steps and history (its submitter, approvers and data scope)',
        params: IdParams,
        response: admin.ApprovalInstance,
        run: (m, ctx, { params }) => getApproval(m, ctx.principal, params.id!),
      },
      history: {
        summary: "A document's submissions, newest first",
        query: admin.DocumentHistoryQuery,
        response: z.array(admin.ApprovalInstance),
        run: (m, ctx, { query }) => documentApprovals(m, ctx.principal, query),
      },
    },
    commands: {
      'tasks/:id/approve': {
        summary: 'Approve one of the caller’s tasks',
        access: 'authenticated',
        params: IdParams,
        body: admin.ApproveBody,
        response: admin.ApprovalTask,
        run: async (m, ctx, { params, body }) => {
          staffId(ctx.principal)
          const task = await decideTask(m, ctx, params.id!, 'approved', body.comment ?? null)
          return (await presentTasks(m, [task]))[0]
        },
      },
      'tasks/:id/reject': {
        summary: 'Reject one of the caller’s tasks (a comment says why)',
        access: 'authenticated',
        params: IdParams,
        body: admin.RejectBody,
        response: admin.ApprovalTask,
        run: async (m, ctx, { params, body }) => {
          staffId(ctx.principal)
          const task = await decideTask(m, ctx, params.id!, 'rejected', body.comment)
          return (await presentTasks(m, [task]))[0]
        },
      },
      'instances/:id/withdraw': {
        summary: 'The submitter takes a pending submission back',
        access: 'authenticated',
        params: IdParams,
        body: admin.WithdrawBody,
        response: admin.ApprovalInstance,
        run: async (m, ctx, { params, body }) => {
          await readInstance(m, ctx.principal, params.id!)
          const inst = (await lockInstance(m, params.id!))!
          await withdrawInstance(m, ctx.actor, inst, body.comment ?? null)
          return getApproval(m, ctx.principal, inst.id)
        },
      },
    },
  })
}
