import { admin, pageOf } from '@mosaic/schemas'
import { recordContext, registerRecordRoutes, type ApiRouter, type Database } from '@mosaic/service-kit'
import {
  beforeRestoreNumberRule,
  createNumberRule,
  listNumberRules,
  numberRules,
  updateNumberRule,
} from './number-rules.service.js'
import { closureRules, listClosureRules, updateClosureRule } from './closure-rules.service.js'
import { currentPoolRule, poolRules, updatePoolRule } from './pool-rules.service.js'
import { presentNumberRule } from './number-rules.present.js'
import { presentClosureRule } from './closure-rules.present.js'
import { presentPoolRule } from './pool-rules.present.js'

const access = {
  read: 'admin.rule.read',
  update: 'admin.rule.update',
  delete: 'admin.rule.delete',
  restore: 'admin.recycle.restore',
}

/** Number, closure and pool rules; `timeZone` dates the number rules' examples. */
export function registerRuleRoutes(api: ApiRouter, db: Database, timeZone: string) {
  const tags = ['rules']
  api.route({
    method: 'get',
    path: '/rules/numbers',
    summary: 'Number rules, one per document type',
    tags,
    access: access.read,
    response: pageOf(admin.NumberRule),
    handler: () => db.transaction((m) => listNumberRules(m, timeZone)),
  })
  api.route({
    method: 'post',
    path: '/rules/numbers',
    summary: 'Create the number rule of a document type (409 when it has one)',
    tags,
    access: 'admin.rule.create',
    body: admin.NumberRuleCreate,
    response: admin.NumberRule,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentNumberRule(
          await createNumberRule(m, recordContext(principal, requestId), body, timeZone),
          timeZone,
        ),
      ),
  })
  registerRecordRoutes(api, {
    path: '/rules/numbers',
    store: numberRules(timeZone),
    db,
    tag: 'rules',
    present: async (_m, row) => presentNumberRule(row, timeZone),
    response: admin.NumberRule,
    update: {
      body: admin.NumberRuleUpdate,
      apply: (m, ctx, id, version, body) => updateNumberRule(m, ctx, id, version, body, timeZone),
    },
    beforeRestore: beforeRestoreNumberRule,
    access,
  })

  api.route({
    method: 'get',
    path: '/rules/closure',
    summary: 'Closure rules, one per closable document type',
    tags,
    access: access.read,
    response: pageOf(admin.ClosureRule),
    handler: () => db.transaction(listClosureRules),
  })
  registerRecordRoutes(api, {
    path: '/rules/closure',
    store: closureRules,
    db,
    tag: 'rules',
    present: async (_m, row) => presentClosureRule(row),
    response: admin.ClosureRule,
    update: { body: admin.ClosureRuleUpdate, apply: updateClosureRule },
    access: { read: access.read, update: access.update, restore: access.restore },
  })

  api.route({
    method: 'get',
    path: '/rules/pool',
    summary: 'The public-pool rule',
    tags,
    access: access.read,
    response: admin.PoolRule,
    handler: () => db.transaction(async (m) => presentPoolRule(await currentPoolRule(m))),
  })
  registerRecordRoutes(api, {
    path: '/rules/pool',
    store: poolRules,
    db,
    tag: 'rules',
    present: async (_m, row) => presentPoolRule(row),
    response: admin.PoolRule,
    update: { body: admin.PoolRuleUpdate, apply: updatePoolRule },
    access: { read: access.read, update: access.update, restore: access.restore },
  })
}
