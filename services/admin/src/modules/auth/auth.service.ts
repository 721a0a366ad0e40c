import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import {
  HttpError,
  fieldError,
  problem,
  writeAudit,
  type Database,
  type SigningKeys,
} from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import { UserEntity, type UserRow } from '../users/user.entity.js'
import { users } from '../users/users.service.js'
import { DeptEntity } from '../depts/dept.entity.js'
import { burnPasswordCheck, hashPassword, verifyPassword } from '@mosaic/service-kit/passwords'
import { principalOf } from './principals.js'
import {
  familyOf,
  issueRefreshToken,
  revokeFamily,
  revokeUserTokens,
  signAccessToken,
  spendRefreshToken,
} from './tokens.js'

export interface Session {
  response: admin.TokenResponse
  refreshToken: string
}

const invalidLogin = () => problem(401, 'auth.invalid_credentials')

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly keys: SigningKeys,
    private readonly config: AdminConfig,
  ) {}

  async login(input: admin.LoginRequest, requestId: string): Promise<Session> {
    const outcome = await this.db.transaction(async (m) => {
      const user = await m
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('lower(u.username) = lower(:username) AND u.deleted_at IS NULL', { username: input.username })
        .setLock('pessimistic_write')
        .getOne()
      if (!user) {
        await burnPasswordCheck(input.password)
        return { error: invalidLogin() }
      }
      if (user.lockedUntil && user.lockedUntil > new Date())
        return { error: this.lockedError(user.lockedUntil) }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        return { error: await this.recordFailure(m, user, requestId, 'login') }
      }
      if (!user.enabled) return { error: problem(403, 'auth.account_disabled') }
      await m
        .getRepository(UserEntity)
        .update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      await writeAudit(
        m,
        { actor: actorOf(user), requestId },
        { action: 'login', entityType: 'user', entityId: user.id, entityTitle: users.options.title(user) },
      )
      return { session: await this.startSession(m, user, randomUUID()) }
    })
    // Failures are committed (counter, lockout, audit) before the error goes out.
    if ('error' in outcome) throw outcome.error
    return outcome.session
  }

  async refresh(token: string | undefined): Promise<Session> {
    if (!token) throw problem(401, 'auth.no_session')
    const outcome = await this.db.transaction(async (m) => {
      const spent = await spendRefreshToken(m, token)
      if (!spent.ok)
        return {
          error: problem(401, spent.reason === 'reused' ? 'auth.session_reused' : 'auth.session_expired'),
        }
      const user = await users.find(m, spent.userId)
      if (!user || !user.enabled) {
        await revokeFamily(m, spent.familyId)
        return { error: problem(401, 'auth.account_unavailable') }
      }
      return { session: await this.startSession(m, user, spent.familyId) }
    })
    if ('error' in outcome) throw outcome.error
    return outcome.session
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return
    await this.db.transaction(async (m) => {
      const family = await familyOf(m, token)
      if (family) await revokeFamily(m, family)
    })
  }

  async me(userId: string): Promise<admin.Me> {
    return this.db.transaction(async (m) => {
      const user = await users.find(m, userId)
      if (!user || !user.enabled) throw problem(401, 'auth.account_unavailable')
      return this.describe(m, user)
    })
  }

  async changePassword(
    userId: string,
    input: admin.ChangePasswordRequest,
    refreshToken: string | undefined,
    requestId: string,
  ) {
    const outcome = await this.db.transaction(async (m) => {
      const user = await users.get(m, userId, undefined, { lock: true })
      if (user.lockedUntil && user.lockedUntil > new Date())
        return { error: this.lockedError(user.lockedUntil) }
      // A wrong current password counts toward the same lockout as a failed sign-in.
      if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
        return { error: await this.recordFailure(m, user, requestId, 'password') }
      if (input.currentPassword === input.newPassword) {
        return {
          error: problem(400, 'http.validation_failed', undefined, {
            errors: [fieldError('newPassword', 'auth.password_unchanged')],
          }),
        }
      }
      const ctx = { actor: actorOf(user), requestId }
      await users.update(
        m,
        ctx,
        user.id,
        user.version,
        { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() },
        { action: 'change_password' },
      )
      // Other sessions end; the one that changed the password stays signed in.
      await revokeUserTokens(m, user.id, refreshToken ? await familyOf(m, refreshToken) : null)
      if (user.failedLogins) await m.getRepository(UserEntity).update(user.id, { failedLogins: 0 })
      return { ok: true }
    })
    // Failures are committed (counter, lockout, audit) before the error goes out.
    if ('error' in outcome) throw outcome.error
  }

  private async startSession(m: EntityManager, user: UserRow, familyId: string): Promise<Session> {
    // One computation of roles, permissions and scope feeds both the token and the `user` answer.
    const principal = await principalOf(m, user)
    const me = await this.describe(m, user, principal)
    const accessToken = await signAccessToken(this.keys, this.tokenSettings(), principal)
    const refreshToken = await issueRefreshToken(m, user.id, familyId, this.config.REFRESH_TOKEN_TTL_DAYS)
    return {
      refreshToken,
      response: {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
        user: me,
      },
    }
  }

  private async describe(m: EntityManager, user: UserRow, known?: Principal): Promise<admin.Me> {
    const p = known ?? (await principalOf(m, user))
    const dept = user.deptId ? await m.getRepository(DeptEntity).findOneBy({ id: user.deptId }) : null
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      deptId: user.deptId,
      deptName: dept?.name ?? null,
      roles: p.roles,
      permissions: p.permissions,
      dataScope: p.dataScope,
    }
  }

  /** One more failed sign-in or password check; locks the account at the threshold. */
  private async recordFailure(
    m: EntityManager,
    user: UserRow,
    requestId: string,
    kind: 'login' | 'password',
  ): Promise<HttpError> {
    const failures = user.failedLogins + 1
    const lock = failures >= this.config.LOCKOUT_THRESHOLD
    const lockedUntil = lock ? new Date(Date.now() + this.config.LOCKOUT_MINUTES * 60_000) : null
    await m.getRepository(UserEntity).update(user.id, { failedLogins: lock ? 0 : failures, lockedUntil })
    await writeAudit(
      m,
      { actor: { id: null, name: user.username }, requestId },
      {
        action: lock ? 'lockout' : kind === 'login' ? 'login_failed' : 'password_change_failed',
        entityType: 'user',
        entityId: user.id,
        entityTitle: users.options.title(user),
      },
    )
    if (lock && lockedUntil) return this.lockedError(lockedUntil)
    if (kind === 'login') return invalidLogin()
    return problem(400, 'http.validation_failed', undefined, {
      errors: [fieldError('currentPassword', 'auth.current_password_wrong')],
    })
  }

  /** `until` is ISO: the UI shows it in the reader's time zone. */
  private lockedError(until: Date) {
    return problem(423, 'auth.account_locked', { until: until.toISOString() })
  }

  tokenSettings() {
    return {
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      accessTtlSeconds: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: this.config.REFRESH_TOKEN_TTL_DAYS,
    }
  }
}

const actorOf = (user: UserRow) => ({ id: user.id, name: user.displayName })
