import { BUILT_IN_ROLES, DATA_SCOPE_LABELS, PERMISSIONS } from '@mosaic/permissions'
import { admin } from '@mosaic/schemas'
import { field, registerRecordTypes, type RecordTypeSpec } from '@mosaic/ui/records'

/**
 * Admin record types as the history shows them: each field once, with its label (i18n key) and
 * kind. Fields not listed here (password hash, sign-in counters, built-in flags) are not shown.
 */
const keysOf = (prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`]))

/** Closure rules name roles by code: a built-in one reads by its name; a custom code as stored. */
const roleCodes = Object.fromEntries(BUILT_IN_ROLES.map((r) => [r.code, r.name]))
const docType = field.enum('admin.rules.docType', keysOf('admin.rules.docTypes', admin.NUMBERED_DOC_TYPES))
const limits = (item: Record<string, unknown>) =>
  `${String(item.owned ?? '—')} / ${String(item.locked ?? '—')}`

export const adminRecordTypes: Record<string, RecordTypeSpec> = {
  user: {
    service: 'admin',
    label: 'admin.entityTypes.user',
    fields: {
      username: field.text('admin.users.username'),
      displayName: field.text('admin.users.displayName'),
      email: field.text('admin.users.email'),
      phone: field.text('admin.users.phone'),
      deptId: field.dept('admin.users.dept'),
      roleIds: field.role('admin.users.roles'),
      enabled: field.boolean('admin.users.enabled'),
    },
  },
  dept: {
    service: 'admin',
    label: 'admin.entityTypes.dept',
    fields: {
      name: field.text('admin.depts.name'),
      parentId: field.dept('admin.depts.parent'),
      leaderUserId: field.user('admin.depts.leader'),
      sort: field.number('admin.depts.sort'),
    },
  },
  role: {
    service: 'admin',
    label: 'admin.entityTypes.role',
    fields: {
      code: field.text('admin.roles.code'),
      name: field.text('admin.roles.name'),
      description: field.text('admin.roles.description'),
      dataScope: field.enum('admin.roles.dataScope', { ...DATA_SCOPE_LABELS }),
      permissions: field.enum(
        'admin.roles.permissions',
        Object.fromEntries(PERMISSIONS.map((p) => [p.code, p.label])),
      ),
    },
  },
  dict_type: {
    service: 'admin',
    label: 'admin.entityTypes.dict_type',
    fields: {
      code: field.text('admin.dict.typeCode'),
      name: field.i18n('admin.dict.label'),
    },
  },
  dict_entry: {
    service: 'admin',
    label: 'admin.entityTypes.dict_entry',
    fields: {
      typeCode: field.text('admin.dict.typeCode'),
      value: field.text('admin.dict.value'),
      label: field.i18n('admin.dict.label'),
      color: field.enum(
        'admin.dict.color',
        keysOf('admin.dict.tagTypes', ['primary', 'success', 'info', 'warning', 'danger']),
      ),
      sort: field.number('admin.dict.sort'),
      enabled: field.boolean('admin.dict.enabled'),
      extra: field.text('admin.dict.extra'),
    },
  },
  number_rule: {
    service: 'admin',
    label: 'admin.entityTypes.number_rule',
    fields: {
      docType,
      prefix: field.text('admin.rules.numbers.prefix'),
      datePattern: field.enum(
        'admin.rules.numbers.datePattern',
        keysOf('admin.rules.numbers.patterns', ['yyyyMMdd', 'yyMMdd', 'yyyyMM', 'yyyy', 'none']),
      ),
      width: field.number('admin.rules.numbers.width'),
      resetPeriod: field.enum(
        'admin.rules.numbers.resetPeriod',
        keysOf('admin.rules.numbers.resets', ['daily', 'monthly', 'yearly', 'never']),
      ),
      enabled: field.boolean('admin.rules.enabled'),
    },
  },
  closure_rule: {
    service: 'admin',
    label: 'admin.entityTypes.closure_rule',
    fields: {
      docType,
      enabled: field.boolean('admin.rules.enabled'),
      requiredFields: field.enum(
        'admin.rules.closure.requiredFields',
        keysOf('admin.rules.closure.fields', [
          'closeNote',
          'closeDate',
          'lostReason',
          'resolution',
          'feedback',
        ]),
      ),
      lockOnClose: field.boolean('admin.rules.closure.lockOnClose'),
      reopenWithinDays: field.number('admin.rules.closure.reopenWithinDays'),
      reopenRoles: field.enum('admin.rules.closure.reopenRoles', roleCodes),
      modifyClosedRoles: field.enum('admin.rules.closure.modifyClosedRoles', roleCodes),
      approvalRequired: field.boolean('admin.rules.closure.approvalRequired'),
    },
  },
  pool_rule: {
    service: 'admin',
    label: 'admin.entityTypes.pool_rule',
    fields: {
      enabled: field.boolean('admin.rules.pool.enabled'),
      noFollowupDays: field.number('admin.rules.pool.noFollowupDays'),
      noDealDays: field.number('admin.rules.pool.noDealDays'),
      levelOverrides: field.lines(
        'admin.rules.pool.levelOverrides',
        (o) => `${String(o.key)}: ${String(o.noFollowupDays ?? '—')} / ${String(o.noDealDays ?? '—')}`,
      ),
      warnDaysAhead: field.number('admin.rules.pool.warnDaysAhead'),
      ownedLimit: field.number('admin.rules.pool.ownedLimit'),
      lockedLimit: field.number('admin.rules.pool.lockedLimit'),
      userLimits: field.lines('admin.rules.pool.userLimits', (u, name) => `${name(u.userId)}: ${limits(u)}`),
      deptLimits: field.lines('admin.rules.pool.deptLimits', (d, name) => `${name(d.deptId)}: ${limits(d)}`),
      claimsPerDay: field.number('admin.rules.pool.claimsPerDay'),
      reclaimCooldownDays: field.number('admin.rules.pool.reclaimCooldownDays'),
    },
  },
}

registerRecordTypes(adminRecordTypes)
