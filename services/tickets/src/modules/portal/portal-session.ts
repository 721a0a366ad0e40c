import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { tickets } from '@mosaic/schemas'
import { problem, type ActionContext } from '@mosaic/service-kit'
import { PortalAccountEntity, type PortalAccountRow } from '../portal-accounts/portal-accounts.entity.js'
import { liveAccount } from './portal-auth.js'

/** Consecutive wrong passwords before an account is locked, and for how long (decision 94). */
export const LOGIN_FAILURES_BEFORE_LOCK = 5
export const LOGIN_LOCK_MINUTES = 15

export function presentMe(row: PortalAccountRow): tickets.PortalMe {
  return {
    accountId: row.id,
    account: row.account,
    displayName: row.displayName,
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
  }
}

/** The signed-in account (the verifier has just checked it is live and enabled). */
export async function currentAccount(m: EntityManager, principal: Principal): Promise<PortalAccountRow> {
  const row = await liveAccount(m, principal.userId)
  if (!row) throw problem(401, 'portal.session_ended')
  return row
}

/** The account as the actor of its own changes in the audit trail. */
export const accountActor = (row: PortalAccountRow, requestId?: string): ActionContext => ({
  actor: { id: row.id, name: row.displayName },
  requestId,
})

export const findByAccount = (m: EntityManager, account: string) =>
  m
    .getRepository(PortalAccountEntity)
    .createQueryBuilder('a')
    .where('lower(a.account) = lower(:account) AND a.deleted_at IS NULL', { account })
    .getOne()

/** A wrong password: counted, and the account locked for a while after too many in a row. */
export async function recordFailure(m: EntityManager, id: string): Promise<void> {
  await m.query(
    `UPDATE portal_account
        SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
      WHERE id = $1`,
    [id, LOGIN_FAILURES_BEFORE_LOCK, LOGIN_LOCK_MINUTES],
  )
}

/** Sign-in bookkeeping, not a change of the record: no new version, no audit entry. */
export async function recordSuccess(m: EntityManager, id: string): Promise<void> {
  await m.query(
    'UPDATE portal_account SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
    [id],
  )
}

/** Every token issued so far stops working (logout, own password change). */
export async function endSessions(m: EntityManager, id: string): Promise<void> {
  await m.query('UPDATE portal_account SET token_version = token_version + 1 WHERE id = $1', [id])
}
