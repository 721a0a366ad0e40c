import type { EntityManager, EntitySchema } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { ActionContext } from './audit.js'
import type { RecordBase } from './columns.js'
import type { ScopeFields } from './scope.js'

// What a record type declares and who acts on it: the record store, the visibility rules and team management all read
// these, so they live apart from each of them.

/** A record that shares its parent's team (a customer's contacts, a follow-up's target). */
export interface TeamOf<T> {
  /** The parent's record type: fixed, or read from a property (a follow-up's target type). */
  entityType?: string
  typeField?: keyof T & string
  /** The property holding the parent's id. */
  idField: keyof T & string
}

export interface RecordTypeOptions<T extends RecordBase> {
  /** Name used in audit rows, version snapshots and the recycle bin, e.g. 'user'. */
  entityType: string
  entity: EntitySchema<T>
  /** Human label shown in the recycle bin and messages. */
  title: (row: T) => string
  /** Never written to audit diffs or snapshots (password hashes, tokens). */
  secretFields?: readonly (keyof T & string)[]
  /** Not part of the record's editable state: excluded from diffs and never brought back by a restore. */
  internalFields?: readonly (keyof T & string)[]
  /**
   * Part of the record's history (diffs, snapshots) but changed only by the service's own actions
   * (owner, pool clock, derived follow-up times): a version restore leaves them as they are.
   */
  systemFields?: readonly (keyof T & string)[]
  /** Owner/department properties for data scope; omit for records everyone in the service may see. */
  scope?: ScopeFields<T>
  /**
   * Records can be shared with team members (kit table `team_member`): a read member sees the
   * record, a write member may also edit it; neither may delete or transfer it. `true`: the record
   * has its own team; a TeamOf: it shares its parent's (a customer's contacts, a follow-up's target).
   */
  team?: boolean | TeamOf<T>
  /**
   * Checks an earlier version before it is brought back, with the same rules an edit obeys
   * (referenced records still exist, no cycles, nothing the actor may not grant).
   */
  checkRestore?: (m: EntityManager, ctx: RecordContext, patch: Partial<T>, id: string) => Promise<void>
  /** The API shape of a row, sent as `current` with a 412. */
  present?: (m: EntityManager, row: T) => Promise<unknown>
  /**
   * Runs in the change's transaction after every create, update, delete, restore and purge, with
   * the row as it now is (a purged row keeps `deletedAt`): the place to publish change events.
   * Every change bumps `version`, so replicas fed by these events can ignore stale deliveries.
   */
  onChange?: (m: EntityManager, row: T, action: string) => Promise<void>
}

/** A caller acting on records: who, which request, and (for scope checks) their principal. */
export interface RecordContext extends ActionContext {
  principal?: Principal
}
