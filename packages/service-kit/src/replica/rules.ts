import type { EntityManager } from 'typeorm'
import { admin, type RULE_KINDS } from '@mosaic/schemas'

/** What admin's rules replicate as: number and closure rules keyed by doc type, the pool rule by POOL_RULE_KEY. */
export type RuleKind = (typeof RULE_KINDS)[number]
export const POOL_RULE_KEY = 'default'

export interface RuleReplica<P = unknown> {
  kind: string
  key: string
  version: number
  /** null when admin deleted the rule: the service falls back to its default. */
  payload: P | null
  updatedAt: Date
}

/**
 * Stores admin's rule `payload` (null: deleted) at `version` unless the replica already holds that version or a
 * newer one: deliveries may arrive out of order or twice, and the replica only moves forward.
 * Returns whether it was applied.
 */
export async function upsertRuleReplica(
  m: EntityManager,
  kind: RuleKind,
  key: string,
  version: number,
  payload: unknown,
): Promise<boolean> {
  const rows = await m.query(
    `INSERT INTO rule_replica (kind, key, version, payload, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, now())
     ON CONFLICT (kind, key) DO UPDATE
       SET version = EXCLUDED.version, payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at
       WHERE rule_replica.version < EXCLUDED.version
     RETURNING version`,
    [kind, key, version, JSON.stringify(payload)],
  )
  return rows.length === 1
}

type Row = { kind: string; key: string; version: number; payload: unknown; updated_at: Date | string }
const toReplica = <P>(r: Row): RuleReplica<P> => ({
  kind: r.kind,
  key: r.key,
  version: r.version,
  payload: r.payload as P,
  updatedAt: new Date(r.updated_at),
})

export async function readRuleReplica<P = unknown>(
  m: EntityManager,
  kind: RuleKind,
  key: string,
): Promise<RuleReplica<P> | null> {
  const [row] = await m.query('SELECT * FROM rule_replica WHERE kind = $1 AND key = $2', [kind, key])
  return row ? toReplica<P>(row) : null
}

export async function listRuleReplica<P = unknown>(
  m: EntityManager,
  kind: RuleKind,
): Promise<RuleReplica<P>[]> {
  const rows: Row[] = await m.query('SELECT * FROM rule_replica WHERE kind = $1 ORDER BY key', [kind])
  return rows.map((r) => toReplica<P>(r))
}

/**
 * The rules a service applies: the administrator's (from the replica) or, before any arrived,
 * the installation defaults. A disabled number rule also falls back to the default, because a
 * document still needs a number.
 */
export async function numberRuleFor(
  m: EntityManager,
  docType: admin.NumberedDocType,
): Promise<admin.NumberRuleValues> {
  const replica = await readRuleReplica<admin.NumberRuleValues>(m, 'number', docType)
  return replica?.payload?.enabled ? replica.payload : admin.DEFAULT_NUMBER_RULES[docType]
}

/** A disabled closure rule is returned as it is: the evaluator treats it as "no extra conditions". */
export async function closureRuleFor(
  m: EntityManager,
  docType: admin.ClosableDocType,
): Promise<admin.ClosureRuleValues> {
  const replica = await readRuleReplica<admin.ClosureRuleValues>(m, 'closure', docType)
  return replica?.payload ?? admin.DEFAULT_CLOSURE_RULES[docType]
}

/** The closure rule as a close dialog needs it: its required fields and whether closing waits for approval. */
export async function closingTerms(
  m: EntityManager,
  docType: admin.ClosableDocType,
): Promise<admin.ClosingTerms> {
  const rule = await closureRuleFor(m, docType)
  return {
    approvalRequired: rule.enabled && rule.approvalRequired,
    requiredFields: rule.enabled ? rule.requiredFields : [],
  }
}

export async function poolRuleFor(m: EntityManager): Promise<admin.PoolRuleValues> {
  const replica = await readRuleReplica<admin.PoolRuleValues>(m, 'pool', POOL_RULE_KEY)
  return replica?.payload ?? admin.DEFAULT_POOL_RULE
}

/** The recycling limits that apply to a customer of `level` (an override's null falls back to the general limit). */
export function poolDayLimits(
  rule: Pick<admin.PoolRuleValues, 'noFollowupDays' | 'noDealDays' | 'levelOverrides'>,
  level: string | null | undefined,
): { noFollowupDays: number | null; noDealDays: number | null } {
  const override = level ? rule.levelOverrides[level] : undefined
  return {
    noFollowupDays: override?.noFollowupDays ?? rule.noFollowupDays,
    noDealDays: override?.noDealDays ?? rule.noDealDays,
  }
}
