import { recordEntity, type RecordBase } from '@mosaic/service-kit'

export interface UserRow extends RecordBase {
  username: string
  displayName: string
  email: string | null
  phone: string | null
  deptId: string | null
  roleIds: string[]
  enabled: boolean
  passwordHash: string
  failedLogins: number
  lockedUntil: Date | null
  lastLoginAt: Date | null
  passwordChangedAt: Date | null
  /** Bumped when the user's tokens stop telling the truth; tokens older than it are refused. */
  authVersion: number
}

export const UserEntity = recordEntity<UserRow>('User', 'app_user', {
  username: { type: 'varchar', length: 32 },
  displayName: { type: 'varchar', length: 64, name: 'display_name' },
  email: { type: 'varchar', length: 120, nullable: true },
  phone: { type: 'varchar', length: 30, nullable: true },
  deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  roleIds: { type: 'uuid', array: true, name: 'role_ids' },
  enabled: { type: 'boolean' },
  passwordHash: { type: 'text', name: 'password_hash' },
  failedLogins: { type: 'int', name: 'failed_logins' },
  lockedUntil: { type: 'timestamptz', name: 'locked_until', nullable: true },
  lastLoginAt: { type: 'timestamptz', name: 'last_login_at', nullable: true },
  passwordChangedAt: { type: 'timestamptz', name: 'password_changed_at', nullable: true },
  authVersion: { type: 'int', name: 'auth_version', default: 0 },
})
