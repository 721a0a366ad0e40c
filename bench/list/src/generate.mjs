// Fills a dedicated Postgres database with N customers (and contacts, follow-ups, opportunities,
// team rows) the way the sales service stores them: the schema comes from the service's own
// migrations, the rows from generate_series in a few INSERT … SELECT statements.
import pg from 'pg'
import { startSalesOn } from './sales.mjs'

/** Where users and departments come from: one admin, managers and reps per department. */
export const SHAPE = { depts: 20, repsPerDept: 20 }

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
const STATUSES = ['potential', 'contacting', 'negotiating', 'signed', 'lost']
const LEVELS = ['A', 'B', 'C', 'D']
const INDUSTRIES = [
  'it',
  'manufacturing',
  'retail',
  'finance',
  'education',
  'medical',
  'logistics',
  'energy',
  'media',
  'other',
]
const SOURCES = ['website', 'referral', 'exhibition', 'cold_call', 'advertising', 'other']

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
     SELECT md5('user' || u)::uuid, u, u, md5('dept' || d)::uuid, true, 1 FROM (
       SELECT 'admin' AS u, 0 AS d
       UNION ALL SELECT 'mgr-' || d, d FROM generate_series(1, $1::int) d
       UNION ALL SELECT 'rep-' || d || '-' || r, d FROM generate_series(1, $1::int) d, generate_series(1, $2::int) r
     ) users`,
    [SHAPE.depts, SHAPE.repsPerDept],
  )
}

/**
 * Customers newest first every ~95 s over about three years; numbers KH + day + sequence as the
 * numbering rule issues them; 1 % in the pool, 2 % locked; names from city + word + kind + serial.
 */
async function seedCustomers(client, n) {
  const span = 3 * 365 * 86400
  const step = Math.max(1, Math.floor(span / n))
  await timed(
    client,
    'customers',
    `INSERT INTO customer (id, version, created_at, updated_at, created_by, updated_by, number, name, status,
       level, industry, source, owner_id, owner_name, dept_id, phone, deal_status, locked, owner_since,
       pool_entered_at, pool_reason, primary_contact_name, primary_contact_phone)
     SELECT md5('customer' || i)::uuid, 1, at, at, md5('useradmin')::uuid, md5('useradmin')::uuid,
       'KH' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDD')
         || lpad(((extract(epoch FROM at AT TIME ZONE 'UTC')::bigint % 86400) / $2)::text, 4, '0'),
       (${sqlArray(CITIES)})[1 + i % ${CITIES.length}] || (${sqlArray(WORDS)})[1 + (i / 7) % ${WORDS.length}]
         || (${sqlArray(KINDS)})[1 + (i / 13) % ${KINDS.length}] || '有限公司' || i,
       (${sqlArray(STATUSES)})[1 + (i / 3) % ${STATUSES.length}],
       (${sqlArray(LEVELS)})[1 + (i / 5) % ${LEVELS.length}],
       (${sqlArray(INDUSTRIES)})[1 + (i / 11) % ${INDUSTRIES.length}],
       (${sqlArray(SOURCES)})[1 + (i / 17) % ${SOURCES.length}],
       CASE WHEN pool THEN NULL ELSE md5('user' || owner)::uuid END,
       CASE WHEN pool THEN NULL ELSE owner END,
       CASE WHEN pool THEN NULL ELSE md5('dept' || dept)::uuid END,
       '138' || lpad((i % 100000000)::text, 8, '0'),
       CASE WHEN i % 9 = 0 THEN 'dealt' ELSE 'undealt' END,
       NOT pool AND i % 50 = 7,
       CASE WHEN pool THEN NULL ELSE at END,
       CASE WHEN pool THEN at END,
       CASE WHEN pool THEN 'manual' END,
       '联系人' || i, '139' || lpad((i % 100000000)::text, 8, '0')
     FROM (
       SELECT i, date_trunc('second', now()) - make_interval(secs => i * $2) AS at, i % 100 = 42 AS pool,
         1 + (i / 3) % $3 AS dept, (i / 3) % ($4 + 1) AS slot
       FROM generate_series(1, $1::int) i
     ) base, LATERAL (SELECT CASE WHEN slot = 0 THEN 'mgr-' || dept ELSE 'rep-' || dept || '-' || slot END AS owner) o`,
    [n, step, SHAPE.depts, SHAPE.repsPerDept],
  )
}

/** 5 % of customers shared (read) with another rep of a neighbouring department. */
async function seedTeams(client) {
  await timed(
    client,
    'team members',
    `INSERT INTO team_member (entity_type, entity_id, user_id, user_name, access, added_by)
     SELECT 'customer', c.id, md5('user' || u)::uuid, u, 'read', 'admin'
     FROM (SELECT id, row_number() OVER () AS k FROM customer WHERE owner_id IS NOT NULL) c,
       LATERAL (SELECT 'rep-' || (1 + (c.k / 7) % $1) || '-' || (1 + c.k % $2) AS u) who
     WHERE c.k % 20 = 3
       AND md5('user' || u)::uuid <> (SELECT owner_id FROM customer WHERE id = c.id)`,
    [SHAPE.depts, SHAPE.repsPerDept],
  )
}

async function seedChildren(client, n) {
  await timed(
    client,
    'contacts',
    `INSERT INTO contact (id, created_at, updated_at, customer_id, name, phone, is_primary, owner_id, dept_id)
     SELECT md5('contact' || c.id)::uuid, c.created_at, c.created_at, c.id, c.primary_contact_name,
       c.primary_contact_phone, true, c.owner_id, c.dept_id
     FROM customer c WHERE abs(hashtext(c.id::text)) % 100 < $1`,
    [Math.round((n.contacts / n.customers) * 100)],
  )
  await timed(
    client,
    'follow-ups',
    `INSERT INTO followup (id, created_at, updated_at, target_type, target_id, target_name, customer_id,
       customer_name, subject, method, content, contacted_at, owner_id, owner_name, dept_id, created_by_name)
     SELECT md5('followup' || c.id)::uuid, c.created_at + interval '1 hour', c.created_at + interval '1 hour',
       'customer', c.id, c.name, c.id, c.name, '电话回访', 'phone', '沟通了采购计划', c.created_at + interval '1 hour',
       c.owner_id, c.owner_name, c.dept_id, c.owner_name
     FROM customer c WHERE c.owner_id IS NOT NULL AND abs(hashtext(c.id::text || 'f')) % 100 < $1`,
    [Math.round((n.followups / n.customers) * 100)],
  )
  await timed(
    client,
    'opportunities',
    `INSERT INTO opportunity (id, created_at, updated_at, name, customer_id, customer_name, stage, probability,
       owner_id, owner_name, dept_id, expected_amount)
     SELECT md5('opportunity' || c.id)::uuid, c.created_at + interval '2 hours', c.created_at + interval '2 hours',
       c.name || '采购项目', c.id, c.name, 'initial', 10, c.owner_id, c.owner_name, c.dept_id, 100000
     FROM customer c WHERE c.owner_id IS NOT NULL AND abs(hashtext(c.id::text || 'o')) % 100 < $1`,
    [Math.round((n.opportunities / n.customers) * 100)],
  )
}

/**
 * Creates (or with `reset` recreates) the database, lets the service migrate it, and fills it.
 * Skips the filling when the customer table already holds `customers` rows.
 */
export async function generate({ url, customers, reset = false }) {
  await ensureDatabase(url, reset)
  const migrated = await startSalesOn(url)
  await migrated.close()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM customer')
    if (rows[0].n === customers) {
      console.log(`${url.replace(/\/\/[^@]*@/, '//')}: already holds ${customers} customers`)
      return
    }
    if (rows[0].n > 0) throw new Error('The database holds a different data set: run with --reset')
    console.log(`Generating ${customers} customers…`)
    const started = performance.now()
    await seedUsers(client)
    await seedCustomers(client, customers)
    await seedTeams(client)
    await seedChildren(client, {
      customers,
      contacts: customers * 0.3,
      followups: customers * 0.2,
      opportunities: customers * 0.1,
    })
    await timed(client, 'vacuum analyze', 'VACUUM ANALYZE')
    console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await client.end()
  }
}
