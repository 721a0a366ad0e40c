// `pnpm bench:deep`: a page 50,000 rows deep (keyset cursor, as a client walking on gets it) against the
// first page, same user, same filter, requested alternately. Target: deep p50 ≤ 1.3× page 1 p50.
//   --depth N     rows before the deep page (default 50000; a manager's department holds 50,000 at 1M)
//   --samples N   requests of each (default 100; at most 15 s per case)
//   plus harness.mjs' --url, --customers, --json
import pg from 'pg'
import { generate } from './generate.mjs'
import { check, header, ms, options, printChecks, startService, writeJson } from './harness.mjs'
import { get, keepAliveAgent, sample, summary } from './load.mjs'
import { md5Uuid } from './sales.mjs'

const values = options({
  depth: { type: 'string', default: '50000' },
  samples: { type: 'string', default: '100' },
})
const LIMIT = 1.3

/** user, list query, and the SQL that finds the row at a depth in that user's list order. */
const CASES = [
  ['admin', 'limit=20', ''],
  ['admin', 'limit=20&status=intention', "AND status = 'intention'"],
  ['mgr-1', 'limit=20', `AND dept_id = '${md5Uuid('dept1')}'`],
]

/** The cursor a client holds after walking `depth` rows: the sort key and id of the last row it saw. */
async function cursorAt(client, where, depth) {
  const { rows } = await client.query(
    `SELECT CAST(created_at AS text) AS key, id, count(*) OVER () AS total FROM (
       SELECT created_at, id FROM customer WHERE deleted_at IS NULL AND owner_id IS NOT NULL ${where}
       ORDER BY created_at DESC, id DESC LIMIT $1) rows
     ORDER BY created_at, id LIMIT 1`,
    [depth],
  )
  const [row] = rows
  if (!row) throw new Error('No rows: generate the data first')
  return {
    depth: Number(row.total),
    cursor: Buffer.from(JSON.stringify([row.key, row.id])).toString('base64url'),
  }
}

async function alternate(first, deep, headers, samples) {
  const agent = keepAliveAgent()
  const a = []
  const b = []
  const until = performance.now() + 15_000
  try {
    while (a.length < samples && performance.now() < until) {
      a.push(await get(agent, first, headers))
      b.push(await get(agent, deep, headers))
    }
  } finally {
    agent.destroy()
  }
  return { first: summary(a), deep: summary(b) }
}

async function main() {
  const { url, customers } = values
  await generate({ url, customers, reset: values.reset })
  const service = await startService(url, [...new Set(CASES.map(([user]) => user))])
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const report = {
    ...header(`bench:deep — ${customers} customers, page 1 against a page deep in the list (ms)`),
  }
  report.cases = []
  report.checks = []
  try {
    console.log(
      `${'user'.padEnd(8)} ${'query'.padEnd(30)} ${'depth'.padStart(7)}  ${'page 1 p50'.padStart(10)} ${'p95'.padStart(7)}` +
        `  ${'deep p50'.padStart(8)} ${'p95'.padStart(7)}  ${'×p50'.padStart(5)}`,
    )
    for (const [user, query, where] of CASES) {
      const { depth, cursor } = await cursorAt(client, where, Number(values.depth))
      const first = `${service.base}/customers?${query}`
      const deep = `${first}&cursor=${cursor}`
      const headers = service.auth(user)
      await sample(deep, headers, { count: 0, warmups: 3 })
      const r = await alternate(first, deep, headers, Number(values.samples))
      const ratio = r.deep.p50 / r.first.p50
      report.cases.push({ user, query, depth, ...r, ratio })
      console.log(
        `${user.padEnd(8)} ${query.padEnd(30)} ${String(depth).padStart(7)}  ${ms(r.first.p50, 10)} ${ms(r.first.p95)}` +
          `  ${ms(r.deep.p50, 8)} ${ms(r.deep.p95)}  ${ratio.toFixed(2).padStart(5)}`,
      )
      report.checks.push(
        check(
          `${user} ${query} at ${depth}`,
          `${r.deep.p50.toFixed(1)} / ${r.first.p50.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
          `deep p50 ≤ ${LIMIT}× page 1`,
          ratio <= LIMIT,
        ),
      )
    }
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await client.end()
    await service.stop()
  }
}

await main()
