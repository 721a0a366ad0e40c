import { z } from 'zod'
import { AuditEntry, pageOf, RecycleBinItem } from '../common.js'
import * as admin from '../admin/index.js'
import { defineRoutes } from './contract.js'
import { bulkRoutesOf, dashboardRouteOf, prefixed } from './workbench.js'
import { DemoStatus } from '../workbench/index.js'

/** The admin service's routes the shell, the apps and the shared UI call (`/api/admin/*`), by client method. */
export const adminRoutes = defineRoutes({
  login: {
    method: 'post',
    path: '/api/admin/auth/login',
    body: admin.LoginRequest,
    response: admin.TokenResponse,
  },
  refresh: { method: 'post', path: '/api/admin/auth/refresh', response: admin.TokenResponse },
  logout: { method: 'post', path: '/api/admin/auth/logout' },
  me: { method: 'get', path: '/api/admin/auth/me', response: admin.Me },
  changePassword: { method: 'post', path: '/api/admin/auth/password', body: admin.ChangePasswordRequest },

  listUsers: { method: 'get', path: '/api/admin/users', response: pageOf(admin.User) },
  getUser: { method: 'get', path: '/api/admin/users/:id', response: admin.User },
  createUser: { method: 'post', path: '/api/admin/users', body: admin.UserCreate, response: admin.User },
  updateUser: { method: 'patch', path: '/api/admin/users/:id', body: admin.UserUpdate, response: admin.User },
  deleteUser: { method: 'delete', path: '/api/admin/users/:id' },
  restoreUser: { method: 'post', path: '/api/admin/users/:id/restore' },
  resetPassword: {
    method: 'post',
    path: '/api/admin/users/:id/reset-password',
    body: admin.ResetPasswordRequest,
  },
  unlockUser: { method: 'post', path: '/api/admin/users/:id/unlock', response: admin.User },

  deptTree: { method: 'get', path: '/api/admin/depts/tree', response: z.array(admin.DeptNode) },
  createDept: { method: 'post', path: '/api/admin/depts', body: admin.DeptCreate, response: admin.Dept },
  updateDept: { method: 'patch', path: '/api/admin/depts/:id', body: admin.DeptUpdate, response: admin.Dept },
  deleteDept: { method: 'delete', path: '/api/admin/depts/:id' },
  restoreDept: { method: 'post', path: '/api/admin/depts/:id/restore' },

  listRoles: { method: 'get', path: '/api/admin/roles', response: pageOf(admin.Role) },
  getRole: { method: 'get', path: '/api/admin/roles/:id', response: admin.Role },
  createRole: { method: 'post', path: '/api/admin/roles', body: admin.RoleCreate, response: admin.Role },
  updateRole: { method: 'patch', path: '/api/admin/roles/:id', body: admin.RoleUpdate, response: admin.Role },
  deleteRole: { method: 'delete', path: '/api/admin/roles/:id' },
  restoreRole: { method: 'post', path: '/api/admin/roles/:id/restore' },

  dictionaries: { method: 'get', path: '/api/admin/dictionaries', response: admin.DictionariesResponse },
  createDictType: {
    method: 'post',
    path: '/api/admin/dictionaries',
    body: admin.DictTypeCreate,
    response: admin.DictType,
  },
  createEntry: {
    method: 'post',
    path: '/api/admin/dictionaries/:code/entries',
    body: admin.DictEntryCreate,
    response: admin.DictEntry,
  },
  updateEntry: {
    method: 'patch',
    path: '/api/admin/dictionaries/:code/entries/:id',
    body: admin.DictEntryUpdate,
    response: admin.DictEntry,
  },
  deleteEntry: { method: 'delete', path: '/api/admin/dictionaries/:code/entries/:id' },

  listNotifications: {
    method: 'get',
    path: '/api/admin/notifications',
    query: admin.NotificationListQuery,
    response: pageOf(admin.Notification),
  },
  unreadCount: { method: 'get', path: '/api/admin/notifications/unread-count', response: admin.UnreadCount },
  markRead: { method: 'post', path: '/api/admin/notifications/:id/read', response: admin.Notification },
  markAllRead: {
    method: 'post',
    path: '/api/admin/notifications/read-all',
    response: admin.MarkAllReadResult,
  },

  init: { method: 'post', path: '/api/admin/init', response: admin.InitResult },

  numberRules: { method: 'get', path: '/api/admin/rules/numbers', response: pageOf(admin.NumberRule) },
  getNumberRule: { method: 'get', path: '/api/admin/rules/numbers/:id', response: admin.NumberRule },
  createNumberRule: {
    method: 'post',
    path: '/api/admin/rules/numbers',
    body: admin.NumberRuleCreate,
    response: admin.NumberRule,
  },
  updateNumberRule: {
    method: 'patch',
    path: '/api/admin/rules/numbers/:id',
    body: admin.NumberRuleUpdate,
    response: admin.NumberRule,
  },
  deleteNumberRule: { method: 'delete', path: '/api/admin/rules/numbers/:id' },
  restoreNumberRule: { method: 'post', path: '/api/admin/rules/numbers/:id/restore' },
  closureRules: { method: 'get', path: '/api/admin/rules/closure', response: pageOf(admin.ClosureRule) },
  getClosureRule: { method: 'get', path: '/api/admin/rules/closure/:id', response: admin.ClosureRule },
  updateClosureRule: {
    method: 'patch',
    path: '/api/admin/rules/closure/:id',
    body: admin.ClosureRuleUpdate,
    response: admin.ClosureRule,
  },
  poolRule: { method: 'get', path: '/api/admin/rules/pool', response: admin.PoolRule },
  updatePoolRule: {
    method: 'patch',
    path: '/api/admin/rules/pool/:id',
    body: admin.PoolRuleUpdate,
    response: admin.PoolRule,
  },

  audit: { method: 'get', path: '/api/admin/audit', response: pageOf(AuditEntry) },
  recycleBin: { method: 'get', path: '/api/admin/recycle-bin', response: pageOf(RecycleBinItem) },
  purge: { method: 'delete', path: '/api/admin/recycle-bin/:entityType/:id' },

  // The approval engine: flows (admin app) and the approval center (shell).
  listApprovalFlows: {
    method: 'get',
    path: '/api/admin/approval-flows',
    response: z.array(admin.ApprovalFlow),
  },
  approvalFlowVersions: {
    method: 'get',
    path: '/api/admin/approval-flows/:docType/versions',
    response: z.array(admin.ApprovalFlow),
  },
  saveApprovalFlow: {
    method: 'put',
    path: '/api/admin/approval-flows/:docType',
    body: admin.ApprovalFlowUpdate,
    response: admin.ApprovalFlow,
  },
  listApprovalTasks: {
    method: 'get',
    path: '/api/admin/approvals/tasks',
    query: admin.TaskListQuery,
    response: pageOf(admin.ApprovalTask),
  },
  listMyApprovals: {
    method: 'get',
    path: '/api/admin/approvals/mine',
    query: admin.InstanceListQuery,
    response: pageOf(admin.ApprovalInstance),
  },
  approvalCounts: { method: 'get', path: '/api/admin/approvals/counts', response: admin.ApprovalCounts },
  getApproval: {
    method: 'get',
    path: '/api/admin/approvals/instances/:id',
    response: admin.ApprovalInstance,
  },
  documentApprovals: {
    method: 'get',
    path: '/api/admin/approvals/history',
    query: admin.DocumentHistoryQuery,
    response: z.array(admin.ApprovalInstance),
  },
  approveTask: {
    method: 'post',
    path: '/api/admin/approvals/tasks/:id/approve',
    body: admin.ApproveBody,
    response: admin.ApprovalTask,
  },
  rejectTask: {
    method: 'post',
    path: '/api/admin/approvals/tasks/:id/reject',
    body: admin.RejectBody,
    response: admin.ApprovalTask,
  },
  withdrawApproval: {
    method: 'post',
    path: '/api/admin/approvals/instances/:id/withdraw',
    body: admin.WithdrawBody,
    response: admin.ApprovalInstance,
  },

  // 8/8: the dashboard's approvals to-do, the demo company, bulk on users (contracts/workbench.ts)
  ...dashboardRouteOf('admin'),
  ...prefixed('users', bulkRoutesOf('/api/admin/users', admin.UserBulkEdit)),
  demoStatus: { method: 'get', path: '/api/admin/demo', response: DemoStatus },
  loadDemo: { method: 'post', path: '/api/admin/demo', response: DemoStatus },
})
