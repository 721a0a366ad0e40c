import type { admin, AuditEntry, Page, RecycleBinItem } from '@mosaic/schemas'
import { api } from '@mosaic/web-kit'
import type { ListParams } from '@mosaic/ui'

const BASE = '/api/admin'

/** Typed calls to the admin service; pages never build URLs themselves. */
export const adminApi = {
  base: BASE,
  listUsers: (q: ListParams) => api.get<Page<admin.User>>(`${BASE}/users`, { query: q }),
  getUser: (id: string) => api.get<admin.User>(`${BASE}/users/${id}`),
  createUser: (body: admin.UserCreate) => api.post<admin.User>(`${BASE}/users`, body),
  updateUser: (id: string, body: admin.UserUpdate, version: number) =>
    api.patch<admin.User>(`${BASE}/users/${id}`, body, { ifMatch: version }),
  deleteUser: (u: admin.User) => api.delete(`${BASE}/users/${u.id}`, { ifMatch: u.version }),
  resetPassword: (id: string, body: admin.ResetPasswordRequest) =>
    api.post<void>(`${BASE}/users/${id}/reset-password`, body),
  unlockUser: (id: string) => api.post<admin.User>(`${BASE}/users/${id}/unlock`),

  deptTree: () => api.get<admin.DeptNode[]>(`${BASE}/depts/tree`),
  createDept: (body: admin.DeptCreate) => api.post<admin.Dept>(`${BASE}/depts`, body),
  updateDept: (id: string, body: admin.DeptUpdate, version: number) =>
    api.patch<admin.Dept>(`${BASE}/depts/${id}`, body, { ifMatch: version }),
  deleteDept: (d: admin.Dept) => api.delete(`${BASE}/depts/${d.id}`, { ifMatch: d.version }),

  listRoles: (q: ListParams) => api.get<Page<admin.Role>>(`${BASE}/roles`, { query: q }),
  getRole: (id: string) => api.get<admin.Role>(`${BASE}/roles/${id}`),
  createRole: (body: admin.RoleCreate) => api.post<admin.Role>(`${BASE}/roles`, body),
  updateRole: (id: string, body: admin.RoleUpdate, version: number) =>
    api.patch<admin.Role>(`${BASE}/roles/${id}`, body, { ifMatch: version }),
  deleteRole: (r: admin.Role) => api.delete(`${BASE}/roles/${r.id}`, { ifMatch: r.version }),

  dictionaries: () => api.get<{ types: admin.DictType[] }>(`${BASE}/dictionaries`).then((r) => r.types),
  createDictType: (body: admin.DictTypeCreate) => api.post<admin.DictType>(`${BASE}/dictionaries`, body),
  createEntry: (type: string, body: admin.DictEntryCreate) =>
    api.post<admin.DictEntry>(`${BASE}/dictionaries/${type}/entries`, body),
  updateEntry: (type: string, id: string, body: admin.DictEntryUpdate, version: number) =>
    api.patch<admin.DictEntry>(`${BASE}/dictionaries/${type}/entries/${id}`, body, { ifMatch: version }),
  deleteEntry: (e: admin.DictEntry) =>
    api.delete(`${BASE}/dictionaries/${e.typeCode}/entries/${e.id}`, { ifMatch: e.version }),

  audit: (q: ListParams) => api.get<Page<AuditEntry>>(`${BASE}/audit`, { query: q }),
  /** Any service's audit trail through the gateway (`/api/<service>/audit`, same query as admin's). */
  serviceAudit: (service: string, q: ListParams) =>
    api.get<Page<AuditEntry>>(`/api/${service}/audit`, { query: q }),
  recycleBin: (q: ListParams) => api.get<Page<RecycleBinItem>>(`${BASE}/recycle-bin`, { query: q }),
  restore: (resource: string, id: string) => api.post<unknown>(`${BASE}/${resource}/${id}/restore`),
  purge: (item: RecycleBinItem) => api.delete(`${BASE}/recycle-bin/${item.entityType}/${item.id}`),
  init: () => api.post<admin.InitResult>(`${BASE}/init`),

  numberRules: () => api.get<Page<admin.NumberRule>>(`${BASE}/rules/numbers`),
  getNumberRule: (id: string) => api.get<admin.NumberRule>(`${BASE}/rules/numbers/${id}`),
  createNumberRule: (body: admin.NumberRuleCreate) =>
    api.post<admin.NumberRule>(`${BASE}/rules/numbers`, body),
  updateNumberRule: (id: string, body: admin.NumberRuleUpdate, version: number) =>
    api.patch<admin.NumberRule>(`${BASE}/rules/numbers/${id}`, body, { ifMatch: version }),
  deleteNumberRule: (r: admin.NumberRule) =>
    api.delete(`${BASE}/rules/numbers/${r.id}`, { ifMatch: r.version }),
  closureRules: () => api.get<Page<admin.ClosureRule>>(`${BASE}/rules/closure`),
  getClosureRule: (id: string) => api.get<admin.ClosureRule>(`${BASE}/rules/closure/${id}`),
  updateClosureRule: (id: string, body: admin.ClosureRuleUpdate, version: number) =>
    api.patch<admin.ClosureRule>(`${BASE}/rules/closure/${id}`, body, { ifMatch: version }),
  poolRule: () => api.get<admin.PoolRule>(`${BASE}/rules/pool`),
  updatePoolRule: (id: string, body: admin.PoolRuleUpdate, version: number) =>
    api.patch<admin.PoolRule>(`${BASE}/rules/pool/${id}`, body, { ifMatch: version }),
}

/** Recycle-bin entity types the admin service can restore, and the resource path that does it. */
export const RESTORE_PATHS: Record<string, string> = {
  user: 'users',
  dept: 'depts',
  role: 'roles',
  number_rule: 'rules/numbers',
}
