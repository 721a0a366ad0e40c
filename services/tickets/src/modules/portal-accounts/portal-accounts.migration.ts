import type { MigrationInterface, QueryRunner } from 'typeorm'
import { BIGRAMS_FUNCTION_SQL, bigramIndexSql, RECORD_COLUMNS_SQL } from '@mosaic/service-kit'

/** Customer accounts (portal logins) and the key portal tokens are signed with. */
export class PortalSchema1767000100000 implements MigrationInterface {
  name = 'PortalSchema1767000100000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await q.query(BIGRAMS_FUNCTION_SQL)
    await q.query(`
      CREATE TABLE portal_account (${RECORD_COLUMNS_SQL},
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        contact_id uuid NOT NULL,
        contact_name varchar(100) NOT NULL,
        account varchar(60) NOT NULL,
        display_name varchar(100) NOT NULL,
        password_hash text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        token_version int NOT NULL DEFAULT 0,
        last_login_at timestamptz NULL,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz NULL)`)
    // Accounts are compared case-insensitively; a deleted account's name is free again.
    await q.query(
      'CREATE UNIQUE INDEX portal_account_account_uq ON portal_account (lower(account)) WHERE deleted_at IS NULL',
    )
    await q.query(
      'CREATE INDEX portal_account_customer_idx ON portal_account (customer_id, created_at DESC, id DESC) WHERE deleted_at IS NULL',
    )
    await q.query(
      'CREATE INDEX portal_account_created_idx ON portal_account (created_at DESC, id DESC) WHERE deleted_at IS NULL',
    )
    await q.query(
      'CREATE INDEX portal_account_account_trgm ON portal_account USING gin (account gin_trgm_ops)',
    )
    await q.query(
      'CREATE INDEX portal_account_display_name_trgm ON portal_account USING gin (display_name gin_trgm_ops)',
    )
    await q.query(bigramIndexSql('portal_account', 'account'))
    await q.query(bigramIndexSql('portal_account', 'display_name'))
    await q.query(`
      CREATE TABLE portal_signing_key (
        kid varchar(64) PRIMARY KEY,
        alg varchar(16) NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz NULL)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE portal_signing_key')
    await q.query('DROP TABLE portal_account')
  }
}
