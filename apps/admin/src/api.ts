import type { admin, AuditEntry, Page, RecycleBinItem, tickets } from '@mosaic/schemas'
import { adminRoutes as routes, serviceRoutes, ticketsRoutes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import type { ListParams } from '@mosaic/ui'

const BASE = '/api/admin'

/** Every call goes through a route contract of `@mosaic/schemas/contracts`: no URL is written here. */
const call = contractCaller(api)

const byId = (id: string) => ({ params: { id } })
const versioned = (r: { id: string; version: number }) => ({ params: { id: r.id }, ifMatch: r.version })

/** The restore route of each resource path in RESTORE_PATHS. */
const RESTORE_ROUTES = {
  users: routes.restoreUser,
  depts: routes.restoreDept,
  roles: routes.restoreRole,
  'rules/numbers': routes.restoreNumberRule,
}

const cannot = (what: string) => Promise.reject(new Error(`admin: ${what}`))

/** Typed calls to the admin service; pages never build URLs themselves. */
export const adminApi = {
  base: BASE,
  listUsers: (q: ListParams): Promise<Page<admin.User>> => call(routes.listUsers, { query: q }),
  getUser: (id: string) => call(routes.getUser, byId(id)),
  createUser: (body: admin.UserCreate) => call(routes.createUser, { body }),
  updateUser: (id: string, body: admin.UserUpdate, version: number) =>
    call(routes.updateUser, { params: { id }, body, ifMatch: version }),
  deleteUser: (u: admin.User) => call(routes.deleteUser, versioned(u)),
  resetPassword: (id: string, body: admin.ResetPasswordRequest) =>
    call(routes.resetPassword, { params: { id }, body }),
  unlockUser: (id: string) => call(routes.unlockUser, byId(id)),

  deptTree: () => call(routes.deptTree),
  createDept: (body: admin.DeptCreate) => call(routes.createDept, { body }),
  updateDept: (id: string, body: admin.DeptUpdate, version: number) =>
    call(routes.updateDept, { params: { id }, body, ifMatch: version }),
  deleteDept: (d: admin.Dept) => call(routes.deleteDept, versioned(d)),

  listRoles: (q: ListParams): Promise<Page<admin.Role>> => call(routes.listRoles, { query: q }),
  getRole: (id: string) => call(routes.getRole, byId(id)),
  createRole: (body: admin.RoleCreate) => call(routes.createRole, { body }),
  updateRole: (id: string, body: admin.RoleUpdate, version: number) =>
    call(routes.updateRole, { params: { id }, body, ifMatch: version }),
  deleteRole: (r: admin.Role) => call(routes.deleteRole, versioned(r)),

  dictionaries: () => call(routes.dictionaries).then((r) => r.types),
  createDictType: (body: admin.DictTypeCreate) => call(routes.createDictType, { body }),
  createEntry: (type: string, body: admin.DictEntryCreate) =>
    call(routes.createEntry, { params: { code: type }, body }),
  updateEntry: (type: string, id: string, body: admin.DictEntryUpdate, version: number) =>
    call(routes.updateEntry, { params: { code: type, id }, body, ifMatch: version }),
  deleteEntry: (e: admin.DictEntry) =>
    call(routes.deleteEntry, { params: { code: e.typeCode, id: e.id }, ifMatch: e.version }),

  audit: (q: ListParams): Promise<Page<AuditEntry>> => call(routes.audit, { query: q }),
  /** Any service's audit trail through the gateway (`/api/<service>/audit`, same query as admin's). */
  serviceAudit: (service: string, q: ListParams): Promise<Page<AuditEntry>> =>
    Object.hasOwn(serviceRoutes, service)
      ? call(serviceRoutes[service as keyof typeof serviceRoutes].audit, { query: q })
      : cannot(`no audit route for service "${service}"`),
  recycleBin: (q: ListParams): Promise<Page<RecycleBinItem>> => call(routes.recycleBin, { query: q }),
  restore: (resource: string, id: string): Promise<unknown> =>
    Object.hasOwn(RESTORE_ROUTES, resource)
      ? call(RESTORE_ROUTES[resource as keyof typeof RESTORE_ROUTES], byId(id))
      : cannot(`cannot restore "${resource}"`),
  purge: (item: RecycleBinItem) =>
    call(routes.purge, { params: { entityType: item.entityType, id: item.id } }),
  init: () => call(routes.init),
  demoStatus: () => call(routes.demoStatus),
  loadDemo: () => call(routes.loadDemo),

  numberRules: () => call(routes.numberRules),
  getNumberRule: (id: string) => call(routes.getNumberRule, byId(id)),
  createNumberRule: (body: admin.NumberRuleCreate) => call(routes.createNumberRule, { body }),
  updateNumberRule: (id: string, body: admin.NumberRuleUpdate, version: number) =>
    call(routes.updateNumberRule, { params: { id }, body, ifMatch: version }),
  deleteNumberRule: (r: admin.NumberRule) => call(routes.deleteNumberRule, versioned(r)),
  closureRules: () => call(routes.closureRules),
  getClosureRule: (id: string) => call(routes.getClosureRule, byId(id)),
  updateClosureRule: (id: string, body: admin.ClosureRuleUpdate, version: number) =>
    call(routes.updateClosureRule, { params: { id }, body, ifMatch: version }),
  poolRule: () => call(routes.poolRule),
  updatePoolRule: (id: string, body: admin.PoolRuleUpdate, version: number) =>
    call(routes.updatePoolRule, { params: { id }, body, ifMatch: version }),

  approvalFlows: () => call(routes.listApprovalFlows),
  approvalFlowVersions: (docType: admin.ApprovalDocType) =>
    call(routes.approvalFlowVersions, { params: { docType } }),
  saveApprovalFlow: (docType: admin.ApprovalDocType, body: admin.ApprovalFlowUpdate) =>
    call(routes.saveApprovalFlow, { params: { docType }, body }),
}

/** Recycle-bin entity types the admin service can restore, and the resource path that does it. */
export const RESTORE_PATHS: Record<string, string> = {
  user: 'users',
  dept: 'depts',
  role: 'roles',
  number_rule: 'rules/numbers',
}

/**
 * The service desk's SLA settings, kept by the tickets service (SPEC §3.1: configurable in the admin
 * app); the per-priority targets are read here and edited in the ticket_priority dictionary.
 */
export const slaApi = {
  settings: () => call(ticketsRoutes.getSlaSettings),
  save: (version: number, body: tickets.SlaSettingsUpdate) =>
    call(ticketsRoutes.updateSlaSettings, { body, ifMatch: version }),
  targets: () => call(ticketsRoutes.slaTargets),
}
