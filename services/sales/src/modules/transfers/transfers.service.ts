import type { EntityManager } from 'typeorm'
import { can, type PermissionCode, type Principal } from '@mosaic/permissions'
import type { NotificationRequest, sales } from '@mosaic/schemas'
import {
  HttpError,
  addTeamMember,
  findUser,
  forbidden,
  poolRuleFor,
  publishEvent,
  removeTeamMember,
  updateTeamMember,
  validationFailed,
  type ActionContext,
  type Database,
  type Service,
  fieldError,
} from '@mosaic/service-kit'
import { opportunities } from '../opportunities/opportunities.store.js'
import { lockPortfolio } from '../ownership/limits.js'
import { moveContacts, writer, type NewOwner } from '../ownership/owner-changes.js'
import {
  limitState,
  planRoot,
  storeOf,
  type DocumentLookup,
  type OwnedRow,
  type RootPlan,
  type TransferBody,
} from './transfer-plan.js'

type Logger = Service['logger']

type Ctx = ActionContext & { principal: Principal }

/** Checks what applies to the whole request: the permission, the target user, the old-owner option. */
async function prepare(m: EntityManager, principal: Principal, body: TransferBody): Promise<NewOwner> {
  if (!can(principal, `sales.${body.entityType}.transfer` as PermissionCode)) throw forbidden()
  if (body.entityType === 'lead' && body.oldOwner !== 'remove') {
    throw validationFailed([fieldError('oldOwner', 'sales.transfer.lead_no_team')])
  }
  const user = await findUser(m, body.toOwnerId)
  if (!user) throw validationFailed([fieldError('toOwnerId', 'sales.user.unknown')])
  if (!user.enabled) throw validationFailed([fieldError('toOwnerId', 'sales.user.disabled')])
  return { id: user.id, name: user.displayName, deptId: user.deptId }
}

const unique = (ids: string[]) => [...new Set(ids)]

/** The dry run: every record that would change, and every selected record that would be refused. */
export async function previewTransfer(
  m: EntityManager,
  principal: Principal,
  body: TransferBody,
  documents: DocumentLookup,
) {
  const target = await prepare(m, principal, body)
  const limits = await limitState(m, await poolRuleFor(m), target)
  const owned = limits.owned
  const plans: RootPlan[] = []
  for (const id of unique(body.ids))
    plans.push(await planRoot(m, principal, body, target, id, limits, documents))
  return summary(target, plans, owned, limits.ownedLimit, body.entityType === 'customer')
}

function summary(
  target: NewOwner,
  plans: RootPlan[],
  owned: number,
  limit: number | null,
  customer: boolean,
) {
  const ok = plans.filter((p) => !p.problem)
  return {
    toOwner: { id: target.id, name: target.name },
    changes: ok.flatMap((p) => p.changes),
    problems: plans.flatMap((p) => (p.problem ? [p.problem] : [])),
    customerLimit: { owned, adding: customer ? ok.length : 0, limit },
  }
}

/**
 * The commit: each selected record (with what cascades from it) in its own transaction, planned
 * again under its row lock by the same function as the preview; a refused or failing record does
 * not stop the others.
 */
export async function commitTransfer(
  db: Database,
  ctx: Ctx,
  body: TransferBody,
  logger: Logger,
  documents: DocumentLookup,
): Promise<sales.TransferResult> {
  const { target, before } = await db.transaction(async (m) => {
    const target = await prepare(m, ctx.principal, body)
    return { target, before: await limitState(m, await poolRuleFor(m), target) }
  })
  const plans: RootPlan[] = []
  for (const id of unique(body.ids)) {
    try {
      plans.push(
        await db.transaction(async (m) => {
          await lockPortfolio(m, target.id)
          const limits = await limitState(m, await poolRuleFor(m), target)
          const plan = await planRoot(m, ctx.principal, body, target, id, limits, documents, true)
          if (!plan.problem) await apply(m, ctx, body, target, plan)
          return plan
        }),
      )
    } catch (error) {
      if (!(error instanceof HttpError)) logger.error({ err: error, id }, 'transfer failed for a record')
      const status = error instanceof HttpError ? error.status : 500
      const detail = error instanceof HttpError ? error.detail : 'An unexpected error occurred.'
      const code = error instanceof HttpError ? error.code : 'http.internal'
      const params = error instanceof HttpError && error.params ? { params: error.params } : {}
      plans.push({
        id,
        problem: { id, title: null, status, detail, code, ...params },
        changes: [],
        row: null,
        contacts: [],
        opportunities: [],
      })
    }
  }
  const result = summary(target, plans, before.owned, before.ownedLimit, body.entityType === 'customer')
  // Every record whose owner changed, as the preview listed them (not only the selected ones).
  const moved = new Set(
    result.changes.filter((c) => c.change === 'owner').map((c) => `${c.entityType}:${c.id}`),
  )
  return { ...result, transferred: moved.size }
}

async function apply(m: EntityManager, ctx: Ctx, body: TransferBody, target: NewOwner, plan: RootPlan) {
  const row = plan.row!
  const note = body.reason ?? undefined
  const w = writer(ctx)
  const owner = { ownerId: target.id, ownerName: target.name, deptId: target.deptId }
  const store = storeOf(body.entityType)
  // A transfer restarts the pool clock: the new owner gets the full period.
  const patch = body.entityType === 'customer' ? { ...owner, ownerSince: new Date() } : owner
  await store.update(m, w, row.id, row.version, patch as Partial<OwnedRow>, { action: 'transfer', note })
  await moveContacts(m, ctx, plan.contacts, target, 'transfer', note)
  for (const o of plan.opportunities)
    await opportunities.update(m, w, o.id, o.version, owner, { action: 'transfer', note })
  const teamed = [
    ...(body.entityType === 'lead' ? [] : [{ store, id: row.id }]),
    ...plan.opportunities.map((o) => ({ store: opportunities as unknown as typeof store, id: o.id })),
  ]
  for (const { store: s, id } of teamed) {
    // The new owner's own membership would only duplicate the owner's access.
    const members = await memberships(m, s.entityType, id, [target.id, row.ownerId])
    if (members.has(target.id)) await removeTeamMember(m, w, s, id, target.id)
    if (body.oldOwner === 'remove' || !row.ownerId) continue
    const userId = row.ownerId
    if (!members.has(userId))
      await addTeamMember(m, w, s, id, { userId, userName: row.ownerName ?? '', access: body.oldOwner })
    else if (members.get(userId) !== body.oldOwner) await updateTeamMember(m, w, s, id, userId, body.oldOwner)
  }
  await publishEvent(m, {
    topic: `sales.${body.entityType}.transferred`,
    actorId: ctx.actor.id,
    payload: {
      entityType: body.entityType,
      id: row.id,
      title: store.options.title(row),
      fromOwnerId: row.ownerId,
      fromOwnerName: row.ownerName,
      toOwnerId: target.id,
      toOwnerName: target.name,
      toDeptId: target.deptId,
      oldOwner: body.oldOwner,
      reason: body.reason ?? null,
      contactIds: plan.contacts.map((c) => c.id),
      opportunityIds: plan.opportunities.map((o) => o.id),
      // The orders service moves the old owner's quotes / contracts of this customer when asked.
      cascade: { quotes: body.cascade.quotes, contracts: body.cascade.contracts },
    },
    notify: notices(ctx, body, row, target, store.options.title(row)),
  })
}

async function memberships(m: EntityManager, entityType: string, id: string, users: (string | null)[]) {
  const rows: Array<{ user_id: string; access: string }> = await m.query(
    'SELECT user_id, access FROM team_member WHERE entity_type = $1 AND entity_id = $2 AND user_id = ANY($3)',
    [entityType, id, users.filter(Boolean)],
  )
  return new Map(rows.map((r) => [r.user_id, r.access]))
}

const LABEL = {
  customer: { zh: '客户', en: 'Customer' },
  lead: { zh: '线索', en: 'Lead' },
  opportunity: { zh: '商机', en: 'Opportunity' },
} as const

function notices(ctx: Ctx, body: TransferBody, row: OwnedRow, target: NewOwner, title: string) {
  const label = LABEL[body.entityType]
  const link = `/sales/${body.entityType === 'opportunity' ? 'opportunities' : `${body.entityType}s`}/${row.id}`
  const by = ctx.actor.name ?? ''
  const base = { link, entityType: body.entityType, entityId: row.id }
  const out: NotificationRequest[] = []
  if (target.id !== ctx.actor.id)
    out.push({
      ...base,
      userId: target.id,
      kind: 'owner_changed',
      title: { zh: `${label.zh}「${title}」已转给您`, en: `${label.en} "${title}" was transferred to you` },
      body: {
        zh: `原负责人：${row.ownerName ?? '—'}；操作人：${by}`,
        en: `From ${row.ownerName ?? '—'}, by ${by}`,
      },
    })
  if (row.ownerId && row.ownerId !== ctx.actor.id)
    out.push({
      ...base,
      userId: row.ownerId,
      kind: 'owner_changed',
      title: {
        zh: `${label.zh}「${title}」已转给${target.name}`,
        en: `${label.en} "${title}" was transferred to ${target.name}`,
      },
      body: { zh: `操作人：${by}`, en: `By ${by}` },
    })
  return out.map((n) => ({
    ...n,
    title: { zh: n.title.zh.slice(0, 300), en: n.title.en.slice(0, 300) },
  }))
}
