// `pnpm bench:import`: 100,000 customers imported from a CSV file through the import routes
// (`customersImportUpload`, `…DryRun`, `…Commit`; contracts/workbench.ts): upload, dry run, commit,
// polling the batch until it is committed. The file is the service's own export of a small generated
// data set, its rows repeated under new names, so every value is in the readable form an export writes.
// Target: dry run + commit ≤ 60 s. Uses its own database (mosaic_bench_import), recreated every run.
//   --rows N      rows in the file (default 100000)
//   --url URL     the database (default postgres://postgres@127.0.0.1:5432/mosaic_bench_import)
//   --json FILE   also write the figures
import { salesRoutes } from '@mosaic/schemas/contracts'
import { generate } from './generate.mjs'
import { check, header, options, printChecks, startService, writeJson } from './harness.mjs'

const values = options({ rows: { type: 'string', default: '100000' } })
const url = values.url.endsWith('/mosaic_bench_sales')
  ? values.url.replace(/mosaic_bench_sales$/, 'mosaic_bench_import')
  : values.url
const TARGET_S = 60
const TARGET_ROWS = 100_000
const SOURCE_CUSTOMERS = 2000
const LANGUAGE = { 'accept-language': 'zh-CN' }

const pathOf = (route, id = '') => route.path.replace(/^\/api\/sales/, '').replace(':id', id)

/** RFC 4180 rows: quoted fields with doubled quotes, CRLF or LF; enough for the export's own output. */
function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++]
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endField()
      rows.push(row)
      row = []
    } else field += c
  }
  if (field || row.length) {
    endField()
    rows.push(row)
  }
  return rows
}

const csvField = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** The export's rows repeated to `n`, each under a name of its own and without a number (the service issues one). */
function bigFile(exported, fields, n) {
  const [headers, ...rows] = exported
  const labelOf = (key) => fields.find((f) => f.key === key)?.label
  const nameAt = headers.indexOf(labelOf('name'))
  const numberAt = headers.indexOf(labelOf('number'))
  if (nameAt < 0) throw new Error(`The export has no name column: ${headers.join(', ')}`)
  const lines = [headers.map(csvField).join(',')]
  for (let i = 0; i < n; i++) {
    const row = [...rows[i % rows.length]]
    row[nameAt] = `导入客户${i + 1}号`
    if (numberAt >= 0) row[numberAt] = ''
    lines.push(row.map(csvField).join(','))
  }
  return lines.join('\n') + '\n'
}

async function call(service, method, path, body, extra = {}) {
  const res = await fetch(service.base + path, {
    method,
    headers: { ...service.auth('admin'), ...LANGUAGE, ...extra },
    body,
  })
  if (res.status === 404) return { missing: true }
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`)
  return {
    status: res.status,
    text,
    json: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null,
  }
}

/** The dry run's problems by column and code, with an example row: what the generated file got wrong. */
function printRowErrors(dry) {
  const byKind = new Map()
  for (const e of dry.errors) {
    const kind = `${e.column ?? '–'}: ${e.code}`
    byKind.set(kind, { count: (byKind.get(kind)?.count ?? 0) + 1, example: byKind.get(kind)?.example ?? e })
  }
  console.log(`dry run: ${dry.errorCount} problems (first ${dry.errors.length} by column and code)`)
  for (const [kind, { count, example }] of byKind)
    console.log(`  ${count.toString().padStart(5)}  ${kind}  (row ${example.row}: ${example.message})`)
}

const seconds = (from) => (performance.now() - from) / 1000

async function main() {
  await generate({ url, customers: SOURCE_CUSTOMERS, reset: true })
  const service = await startService(url, ['admin'])
  const rows = Number(values.rows)
  const report = { ...header(`bench:import — ${rows} customers from CSV (upload, dry run, commit)`) }
  try {
    const fields = await call(service, 'GET', pathOf(salesRoutes.customersImportFields))
    const exported = fields.missing
      ? fields
      : await call(service, 'GET', `${pathOf(salesRoutes.customersExport)}?format=csv`)
    if (exported.missing) {
      console.log(
        'The customer import/export routes answer 404: the import engine is not built on this commit.',
      )
      report.checks = [check('100k import, dry run + commit', 'not built (404)', `≤ ${TARGET_S} s`, null)]
    } else {
      const file = bigFile(parseCsv(exported.text.replace(/^\uFEFF/, '')), fields.json, rows)
      console.log(`File: ${rows} rows, ${(Buffer.byteLength(file) / 1e6).toFixed(1)} MB`)
      let t = performance.now()
      const preview = await call(service, 'POST', pathOf(salesRoutes.customersImportUpload), file, {
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent('bench-100k.csv'),
      })
      const upload = seconds(t)
      const id = preview.json.batch.id
      const plan = JSON.stringify({ mapping: preview.json.batch.mapping, duplicates: 'skip' })
      const json = { 'content-type': 'application/json' }
      t = performance.now()
      const dry = await call(service, 'POST', pathOf(salesRoutes.customersImportDryRun, id), plan, json)
      const dryRun = seconds(t)
      if (dry.json.errorCount) {
        printRowErrors(dry.json)
        throw new Error('The dry run found problems in the file: nothing committed')
      }
      t = performance.now()
      await call(service, 'POST', pathOf(salesRoutes.customersImportCommit, id), plan, json)
      let batch
      do {
        await new Promise((resolve) => setTimeout(resolve, 250))
        batch = (await call(service, 'GET', pathOf(salesRoutes.customersImportBatch, id))).json
      } while (batch.status === 'running' || batch.status === 'checked')
      const commit = seconds(t)
      report.figures = { rows, upload, dryRun, commit, dry: { ...dry.json, batch: undefined }, batch }
      console.log(`upload   ${upload.toFixed(1).padStart(6)} s`)
      console.log(
        `dry run  ${dryRun.toFixed(1).padStart(6)} s  create ${dry.json.create}, update ${dry.json.update}, ` +
          `skip ${dry.json.skip}, errors ${dry.json.errorCount}`,
      )
      console.log(
        `commit   ${commit.toFixed(1).padStart(6)} s  ${batch.status}: created ${batch.created}, ` +
          `updated ${batch.updated}, skipped ${batch.skipped}, errors ${batch.errorCount}`,
      )
      // Fewer rows than the target's (a quick run): the time scaled to 100,000 rows, said as such.
      const scale = TARGET_ROWS / rows
      const total = (dryRun + commit) * scale
      const projected = scale === 1 ? '' : ` projected from ${rows} rows`
      report.checks = [
        check(
          `100k import, dry run + commit${projected}`,
          `${total.toFixed(1)} s (${batch.created} of ${rows} created, ${batch.errorCount} errors)`,
          `≤ ${TARGET_S} s, all rows created`,
          total <= TARGET_S && batch.status === 'committed' && batch.created === rows,
        ),
      ]
    }
    printChecks(report.checks)
    writeJson(values.json, report)
  } finally {
    await service.stop()
  }
}

await main()
