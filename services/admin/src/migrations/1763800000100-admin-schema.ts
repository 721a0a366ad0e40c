import type { MigrationInterface, QueryRunner } from 'typeorm'
import { RECORD_COLUMNS_SQL } from '@mosaic/service-kit'

export class AdminSchema1763800000100 implements MigrationInterface {
  name = 'AdminSchema1763800000100'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dept (${RECORD_COLUMNS_SQL},
        name varchar(64) NOT NULL,
        parent_id uuid NULL REFERENCES dept (id),
        leader_user_id uuid NULL,
        sort int NOT NULL DEFAULT 0
      )`)
    await q.query('CREATE INDEX dept_parent_idx ON dept (parent_id, sort)')
    await q.query(`
      CREATE TABLE role (${RECORD_COLUMNS_SQL},
        code varchar(32) NOT NULL,
        name varchar(64) NOT NULL,
        description text NULL,
        permissions jsonb NOT NULL DEFAULT '[]'::jsonb,
        data_scope varchar(24) NOT NULL,
        built_in boolean NOT NULL DEFAULT false
      )`)
    await q.query('CREATE UNIQUE INDEX role_code_uq ON role (code)')
    await q.query('CREATE INDEX role_created_idx ON role (created_at DESC, id DESC)')
    await q.query(`
      CREATE TABLE app_user (${RECORD_COLUMNS_SQL},
        username varchar(32) NOT NULL,
        display_name varchar(64) NOT NULL,
        email varchar(120) NULL,
        phone varchar(30) NULL,
        dept_id uuid NULL REFERENCES dept (id),
        role_ids uuid[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        last_login_at timestamptz NULL,
        password_changed_at timestamptz NULL
      )`)
    await q.query('CREATE UNIQUE INDEX app_user_username_uq ON app_user (lower(username))')
    await q.query('CREATE INDEX app_user_created_idx ON app_user (created_at DESC, id DESC)')
    await q.query('CREATE INDEX app_user_dept_idx ON app_user (dept_id, created_at DESC)')
    await q.query('CREATE INDEX app_user_roles_idx ON app_user USING gin (role_ids)')
    await q.query(`
      CREATE TABLE dict_type (${RECORD_COLUMNS_SQL},
        code varchar(40) NOT NULL,
        name jsonb NOT NULL,
        built_in boolean NOT NULL DEFAULT false
      )`)
    await q.query('CREATE UNIQUE INDEX dict_type_code_uq ON dict_type (code)')
    await q.query(`
      CREATE TABLE dict_entry (${RECORD_COLUMNS_SQL},
        type_code varchar(40) NOT NULL REFERENCES dict_type (code),
        value varchar(40) NOT NULL,
        label jsonb NOT NULL,
        color varchar(16) NULL,
        sort int NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        extra jsonb NULL,
        built_in boolean NOT NULL DEFAULT false
      )`)
    await q.query('CREATE UNIQUE INDEX dict_entry_value_uq ON dict_entry (type_code, value)')
    await q.query(`
      CREATE TABLE signing_key (
        kid varchar(64) PRIMARY KEY,
        alg varchar(16) NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz NULL
      )`)
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`)
    await q.query('CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)')
    await q.query('CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)')
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['refresh_token', 'signing_key', 'dict_entry', 'dict_type', 'app_user', 'role', 'dept']) {
      await q.query(`DROP TABLE ${t}`)
    }
  }
}
