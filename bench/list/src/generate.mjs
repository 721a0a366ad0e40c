// Fills a dedicated Postgres database with N customers (and contacts, follow-ups, opportunities,
// team rows) the way the sales service stores them: the schema comes from the service's own
// migrations, the rows from generate_series in a few INSERT … SELECT statements.
import { DICT_TYPES } from '@mosaic/dictionary'
import pg from 'pg'
import { startSalesOn } from './sales.mjs'

/**
 * Where users and departments come from: one admin, a manager and reps per department. Owners are the
 * manager and the reps, customers spread evenly over them: at 1M a manager's department holds 50,000
 * customers and a rep owns 1,000.
 */
export const SHAPE = { depts: 20, repsPerDept: 49 }
/** Bumped whenever the rows generated change: a database of another version must be regenerated. */
const GENERATOR_VERSION = 3
/** Rows generated per customer insert statement: each is one resumable step. */
const CUSTOMER_CHUNK = 100_000

const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '成都',
  '武汉',
  '西安',
  '苏州',
  '天津',
  '重庆',
]
const WORDS = ['华鑫', '恒通', '信达', '远航', '明德', '天元', '瑞丰', '金桥', '中科', '博远', '盛世', '东方']
const KINDS = ['科技', '贸易', '制造', '物流', '咨询', '电子', '医药', '建材']
/** The dictionary's own values (`@mosaic/dictionary`), as the service's create rules accept them. */
const dictValues = (code) => DICT_TYPES.find((t) => t.code === code).entries.map((e) => e.value)
const STATUSES = dictValues('customer_status')
const LEVELS = dictValues('customer_level')
const INDUSTRIES = dictValues('industry')
const SOURCES = dictValues('lead_source')
const LOST_REASONS = dictValues('lost_reason')

const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`

/** Creates the database if needed (dropping it first with `reset`); never touches another one. */
export async function ensureDatabase(url, reset) {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  if (!/^mosaic_bench_\w+$/.test(name))
    throw new Error(`Refusing a database not named mosaic_bench_*: ${name}`)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    if (reset) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
}

async function timed(client, label, sql, params) {
  const started = performance.now()
  const result = await client.query(sql, params)
  console.log(
    `  ${label}: ${result.rowCount ?? ''} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return result
}

/** Departments, one admin, a manager and `repsPerDept` reps per department, in the user replica. */
async function seedUsers(client) {
  await timed(
    client,
    'users',
    `INSERT INTO user_replica (id, username, display_name, dept_id, enabled, version)
     SELECT bench_uuid('user' || u), u, u, bench_uuid('dept' || d), true, 1 FROM (
       SELECT 'admin' AS u, 0 AS d
       UNION ALL SELECT 'mgr-' || d, d FROM generate_series(1, $1::int) d
       UNION ALL SELECT 'rep-' || d || '-' || r, d FROM generate_series(1, $1::int) d, generate_series(1, $2::int) r
     ) users`,
    [SHAPE.depts, SHAPE.repsPerDept],
  )
}

/**
 * Customers `from`..`to` of `n`, newest first every ~95 s (at 1M) over about three years; numbers KH + day +
 * sequence as the numbering rule issues them; 1 % in the pool, 2 % locked; names from city + word + kind +
 * serial; owners the department's manager and reps in turn; every owner has customers of every status and
 * city.
 */
async function seedCustomers(client, n, from, to) {
  const span = 3 * 365 * 86400
  const step = Math.max(1, Math.floor(span / n))
  await timed(
    client,
    `customers ${from}–${to}`,
    `INSERT INTO customer (id, version, created_at, updated_at, created_by, updated_by, number, name, status,
       level, industry, source, owner_id, owner_name, dept_id, phone, deal_status, locked, owner_since,
       pool_entered_at, pool_reason, primary_contact_name, primary_contact_phone)
     SELECT bench_uuid('customer' || i), 1, at, at, bench_uuid('useradmin'), bench_uuid('useradmin'),
       'KH' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDD')
         || lpad(((extract(epoch FROM at AT TIME ZONE 'UTC')::bigint % 86400) / $1)::text, 4, '0'),
       (${sqlArray(CITIES)})[1 + (i + i / 60) % ${CITIES.length}] || (${sqlArray(WORDS)})[1 + (i / 7) % ${WORDS.length}]
         || (${sqlArray(KINDS)})[1 + (i / 13) % ${KINDS.length}] || '有限公司' || i,
       (${sqlArray(STATUSES)})[1 + (i / 61) % ${STATUSES.length}],
       (${sqlArray(LEVELS)})[1 + (i / 5) % ${LEVELS.length}],
       (${sqlArray(INDUSTRIES)})[1 + (i / 11) % ${INDUSTRIES.length}],
       (${sqlArray(SOURCES)})[1 + (i / 17) % ${SOURCES.length}],
       CASE WHEN pool THEN NULL ELSE bench_uuid('user' || owner) END,
       CASE WHEN pool THEN NULL ELSE owner END,
       CASE WHEN pool THEN NULL ELSE bench_uuid('dept' || dept) END,
       '138' || lpad((i % 100000000)::text, 8, '0'),
       CASE WHEN i % 9 = 0 THEN 'dealt' ELSE 'undealt' END,
       NOT pool AND i % 50 = 7,
       CASE WHEN pool THEN NULL ELSE at END,
       CASE WHEN pool THEN at END,
       CASE WHEN pool THEN 'never_owned' END,
       '联系人' || i, '139' || lpad((i % 100000000)::text, 8, '0')
     FROM (
       SELECT i, date_trunc('second', now()) - make_interval(secs => i * $1) AS at, i % 100 = 42 AS pool,
         1 + (i / 3) % $2 AS dept, (i / 3 / $2) % ($3 + 1) AS slot
       FROM generate_series($4::int, $5::int) i
     ) base, LATERAL (SELECT CASE WHEN slot = 0 THEN 'mgr-' || dept ELSE 'rep-' || dept || '-' || slot END AS owner) o`,
    [step, SHAPE.depts, SHAPE.repsPerDept, from, to],
  )
}

/** 5 % of customers shared (read) with a rep of another department. */
async function seedTeams(client) {
  await timed(
    client,
    'team members',
    `INSERT INTO team_member (entity_type, entity_id, user_id, user_name, access, added_by)
     SELECT 'customer', c.id, bench_uuid('user' || u), u, 'read', 'admin'
     FROM (SELECT id, owner_id, row_number() OVER () AS k FROM customer WHERE owner_id IS NOT NULL) c,
       LATERAL (SELECT 'rep-' || (1 + (c.k / 7) % $1) || '-' || (1 + c.k % $2) AS u) who
     WHERE c.k % 20 = 3 AND bench_uuid('user' || u) <> c.owner_id`,
    [SHAPE.depts, SHAPE.repsPerDept],
  )
}

async function seedContacts(client, percent) {
  await timed(
    client,
    'contacts',
    `INSERT INTO contact (id, created_at, updated_at, customer_id, name, phone, is_primary, owner_id, dept_id)
     SELECT bench_uuid('contact' || c.id), c.created_at, c.created_at, c.id, c.primary_contact_name,
       c.primary_contact_phone, true, c.owner_id, c.dept_id
     FROM customer c WHERE abs(hashtext(c.id::text)) % 100 < $1`,
    [percent],
  )
}

/**
 * A follow-up an hour after the customer was created, one in five with a next date in the coming
 * fortnight (the to-do list); the customer's last follow-up set as recording one sets it.
 */
async function seedFollowups(client, percent) {
  await timed(
    client,
    'follow-ups',
    `INSERT INTO followup (id, created_at, updated_at, target_type, target_id, target_name, customer_id,
       customer_name, subject, method, content, contacted_at, next_followup_at, owner_id, owner_name, dept_id,
       created_by_name)
     SELECT bench_uuid('followup' || c.id), c.created_at + interval '1 hour', c.created_at + interval '1 hour',
       'customer', c.id, c.name, c.id, c.name, '电话回访', 'phone', '沟通了采购计划', c.created_at + interval '1 hour',
       CASE WHEN abs(hashtext(c.id::text || 'n')) % 5 = 0
         THEN date_trunc('hour', now()) + make_interval(hours => abs(hashtext(c.id::text)) % 336) END,
       c.owner_id, c.owner_name, c.dept_id, c.owner_name
     FROM customer c WHERE c.owner_id IS NOT NULL AND abs(hashtext(c.id::text || 'f')) % 100 < $1`,
    [percent],
  )
  await timed(
    client,
    'customers: last follow-up',
    `UPDATE customer c SET last_followup_at = f.contacted_at FROM followup f WHERE f.customer_id = c.id`,
  )
}

/** Opportunities through every stage: a seventh won, an eleventh lost (closed a month later), the rest open. */
async function seedOpportunities(client, percent) {
  await timed(
    client,
    'opportunities',
    `INSERT INTO opportunity (id, created_at, updated_at, name, customer_id, customer_name, stage, probability,
       owner_id, owner_name, dept_id, expected_amount, expected_close_date, status, closed_at, close_date, closed_by,
       lost_reason)
     SELECT bench_uuid('opportunity' || c.id), c.created_at + interval '2 hours', c.created_at + interval '2 hours',
       c.name || '采购项目', c.id, c.name, s.stage, s.probability, c.owner_id, c.owner_name, c.dept_id,
       10000 * (1 + abs(hashtext(c.id::text || 'a')) % 50), (c.created_at + interval '60 days')::date,
       s.status, CASE WHEN s.status <> 'open' THEN closed END, CASE WHEN s.status <> 'open' THEN closed::date END,
       CASE WHEN s.status <> 'open' THEN c.owner_name END,
       CASE WHEN s.status = 'lost' THEN (${sqlArray(LOST_REASONS)})[1 + k.h % ${LOST_REASONS.length}] END
     FROM customer c,
       LATERAL (SELECT abs(hashtext(c.id::text || 's')) AS h,
         LEAST(now(), c.created_at + interval '30 days') AS closed) k,
       LATERAL (SELECT * FROM (VALUES ('won', 100, 'won'), ('lost', 0, 'lost'), ('initial', 10, 'open'),
           ('needs', 30, 'open'), ('proposal', 60, 'open'), ('negotiation', 80, 'open')) v(stage, probability, status)
         WHERE v.stage = CASE WHEN k.h % 7 = 0 THEN 'won' WHEN k.h % 11 = 0 THEN 'lost'
           ELSE (ARRAY['initial', 'needs', 'proposal', 'negotiation'])[1 + k.h % 4] END) s
     WHERE c.owner_id IS NOT NULL AND abs(hashtext(c.id::text || 'o')) % 100 < $1`,
    [percent],
  )
}

/**
 * Ids as the service's schemas accept them (RFC 9562: version and variant nibbles), derived from a name so
 * the bench can name its users and departments: md5 with the version set to 4 and the variant to 8.
 */
const BENCH_UUID_SQL = `CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5(t) h $$`

/** Steps done, so an interrupted generation resumes where it stopped; the shape they were done with. */
async function progressOf(client, fingerprint) {
  await client.query(`CREATE TABLE IF NOT EXISTS bench_progress (step text PRIMARY KEY, done_at timestamptz NOT NULL
    DEFAULT now())`)
  const { rows } = await client.query('SELECT step FROM bench_progress')
  const done = new Set(rows.map((r) => r.step))
  const shape = [...done].find((step) => step.startsWith('shape '))
  if (shape && shape !== `shape ${fingerprint}`)
    throw new Error(`The database holds another data set (${shape}): run with --reset`)
  if (!shape) {
    const { rows: any } = await client.query('SELECT 1 FROM customer LIMIT 1')
    if (any.length) throw new Error('The database holds customers of an earlier generator: run with --reset')
    await client.query('INSERT INTO bench_progress (step) VALUES ($1)', [`shape ${fingerprint}`])
  }
  return done
}

const BULK_TABLES = ['customer', 'team_member', 'contact', 'followup', 'opportunity']

/**
 * The service's secondary indexes on the tables filled in bulk, kept aside (their own DDL, in
 * `bench_index`) and dropped: Postgres builds an index over a million rows in one pass far faster than
 * it maintains it (the GIN ones above all) row by row. Keys and unique constraints stay. Resumable: the
 * DDL is stored before anything is dropped, and `restoreIndexes` recreates whatever it holds.
 */
async function setIndexesAside(client) {
  await client.query('CREATE TABLE IF NOT EXISTS bench_index (name text PRIMARY KEY, ddl text NOT NULL)')
  await client.query(
    `INSERT INTO bench_index (name, ddl)
     SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)
     ON CONFLICT (name) DO NOTHING`,
    [BULK_TABLES],
  )
  const { rows } = await client.query('SELECT name FROM bench_index')
  for (const { name } of rows) await client.query(`DROP INDEX IF EXISTS ${name}`)
  console.log(`  ${rows.length} indexes set aside until the rows are in`)
}

async function restoreIndexes(client) {
  const { rows } = await client.query('SELECT name, ddl FROM bench_index ORDER BY name')
  const started = performance.now()
  // A build's sort in memory rather than on disk (this session only).
  await client.query("SET maintenance_work_mem = '512MB'")
  for (const { name, ddl } of rows) {
    await client.query(ddl.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '))
    await client.query('DELETE FROM bench_index WHERE name = $1', [name])
  }
  console.log(`  indexes: ${rows.length} built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** Runs `work` in a transaction with the step's progress row, unless it is done already. */
async function step(client, done, name, work) {
  if (done.has(name)) return
  await client.query('BEGIN')
  try {
    await work()
    await client.query('INSERT INTO bench_progress (step) VALUES ($1)', [name])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

/**
 * Creates (or with `reset` recreates) the database, lets the service migrate it, and fills it in steps
 * (users, customers by 100,000, team members, contacts, follow-ups, opportunities, statistics), each in
 * its own transaction and recorded: run again after an interruption, it resumes; run on a finished
 * database, it does nothing.
 */
export async function generate({ url, customers, reset = false }) {
  await ensureDatabase(url, reset)
  const migrated = await startSalesOn(url)
  await migrated.close()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const fingerprint = `v${GENERATOR_VERSION} customers=${customers} depts=${SHAPE.depts} reps=${SHAPE.repsPerDept}`
    const done = await progressOf(client, fingerprint)
    await client.query(BENCH_UUID_SQL)
    if (done.has('analyze')) {
      console.log(`${url.replace(/\/\/[^@]*@/, '//')}: already holds ${customers} customers`)
      return
    }
    console.log(`Generating ${customers} customers${done.size > 1 ? ' (resuming)' : ''}…`)
    const started = performance.now()
    await step(client, done, 'users', () => seedUsers(client))
    await step(client, done, 'indexes aside', () => setIndexesAside(client))
    for (let from = 1; from <= customers; from += CUSTOMER_CHUNK) {
      const to = Math.min(customers, from + CUSTOMER_CHUNK - 1)
      await step(client, done, `customers ${from}`, () => seedCustomers(client, customers, from, to))
    }
    await step(client, done, 'team', () => seedTeams(client))
    await step(client, done, 'contacts', () => seedContacts(client, 30))
    await step(client, done, 'followups', () => seedFollowups(client, 20))
    await step(client, done, 'opportunities', () => seedOpportunities(client, 10))
    await step(client, done, 'indexes', () => restoreIndexes(client))
    // Outside a transaction (VACUUM cannot run in one); recorded after it.
    await timed(client, 'vacuum analyze', 'VACUUM ANALYZE')
    await client.query('INSERT INTO bench_progress (step) VALUES ($1)', ['analyze'])
    console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await client.end()
  }
}
