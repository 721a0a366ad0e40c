import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface PortalAccountRow extends RecordBase {
  customerId: string
  customerName: string
  contactId: string
  contactName: string
  /** As typed; unique case-insensitively among live accounts. */
  account: string
  displayName: string
  passwordHash: string
  enabled: boolean
  /** Bumped whenever the account's open sessions must end (disable, password change or reset, logout). */
  tokenVersion: number
  lastLoginAt: Date | null
  /** Consecutive failed sign-ins; reset by a successful one. */
  failedLogins: number
  /** Sign-in refused until then after too many failures. */
  lockedUntil: Date | null
}

export const PortalAccountEntity = recordEntity<PortalAccountRow>('PortalAccount', 'portal_account', {
  customerId: { type: 'uuid', name: 'customer_id' },
  customerName: { type: 'varchar', length: 200, name: 'customer_name' },
  contactId: { type: 'uuid', name: 'contact_id' },
  contactName: { type: 'varchar', length: 100, name: 'contact_name' },
  account: { type: 'varchar', length: 60 },
  displayName: { type: 'varchar', length: 100, name: 'display_name' },
  passwordHash: { type: 'text', name: 'password_hash' },
  enabled: { type: 'boolean' },
  tokenVersion: { type: 'int', name: 'token_version' },
  lastLoginAt: { type: 'timestamptz', name: 'last_login_at', nullable: true },
  failedLogins: { type: 'int', name: 'failed_logins' },
  lockedUntil: { type: 'timestamptz', name: 'locked_until', nullable: true },
})
