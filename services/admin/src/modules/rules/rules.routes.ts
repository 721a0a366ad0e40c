import { admin } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
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
import { presentPoolRule } from './pool-rules.present.js'

/** Number, closure and pool rules; `timeZone` dates the number rules' examples. */
export function registerRuleRoutes(api: ApiRouter, db: Database, timeZone: string) {
  const rule = { resource: 'admin.rule', db } as const
  registerAggregate(api, {
    ...rule,
    path: '/rules/numbers',
    store: numberRules(timeZone),
    response: admin.NumberRule,
    present: (_m, row) => presentNumberRule(row, timeZone),
    list: {
      summary: 'Number rules, one per document type',
      run: (m) => listNumberRules(m, timeZone),
    },
    create: {
      summary: 'Create the number rule of a document type (409 when it has one)',
      body: admin.NumberRuleCreate,
      run: (m, ctx, body) => createNumberRule(m, ctx, body, timeZone),
    },
    update: {
      body: admin.NumberRuleUpdate,
      apply: (m, ctx, id, version, body) => updateNumberRule(m, ctx, id, version, body, timeZone),
    },
    remove: 'soft',
    beforeRestore: beforeRestoreNumberRule,
  })
  registerAggregate(api, {
    ...rule,
    path: '/rules/closure',
    store: closureRules,
    response: admin.ClosureRule,
    list: {
      summary: 'Closure rules, one per closable document type',
      run: (m) => listClosureRules(m),
    },
    update: { body: admin.ClosureRuleUpdate, apply: updateClosureRule },
  })
  registerAggregate(api, {
    ...rule,
    path: '/rules/pool',
    store: poolRules,
    response: admin.PoolRule,
    list: {
      summary: 'The public-pool rule',
      response: admin.PoolRule,
      run: async (m) => presentPoolRule(await currentPoolRule(m)),
    },
    update: { body: admin.PoolRuleUpdate, apply: updatePoolRule },
  })
}
