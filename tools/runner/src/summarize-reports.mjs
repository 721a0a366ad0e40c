// Sums every Vitest JSON report (`**/.reports/vitest.json`) into the single closing line
// CI reads: `N passed, N failed`. Exits non-zero on any failure, an unreadable report, or
// when there are no reports at all (a run that tested nothing is not a pass).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SKIP_DIRS = new Set(['node_modules', '.git', '.turbo', '.data'])

export function findReports(root) {
  const found = []
  const walk = (dir) => {
    let entries
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (!e.isDirectory() || SKIP_DIRS.has(e.name)) continue
      const sub = path.join(dir, e.name)
      if (e.name === '.reports') {
        const report = path.join(sub, 'vitest.json')
        if (fs.existsSync(report)) found.push(report)
      } else walk(sub)
    }
  }
  walk(root)
  return found.sort()
}

export function summarize(root) {
  const totals = { passed: 0, failed: 0, reports: 0, problems: [] }
  for (const file of findReports(root)) {
    try {
      const r = JSON.parse(fs.readFileSync(file, 'utf8'))
      if (typeof r.numPassedTests !== 'number' || typeof r.numFailedTests !== 'number')
        throw new Error('not a Vitest JSON report')
      totals.passed += r.numPassedTests
      totals.failed += r.numFailedTests
      totals.reports += 1
      // A file that fails to load fails its suite without failing any test.
      if (r.success === false || r.numFailedTestSuites > 0)
        totals.problems.push(`${path.relative(root, file)}: run did not succeed`)
    } catch (err) {
      totals.problems.push(`${path.relative(root, file)}: ${err.message}`)
    }
  }
  return totals
}

function main() {
  const root = path.resolve(process.argv[2] ?? process.cwd())
  const t = summarize(root)
  for (const p of t.problems) console.error(`summarize-reports: ${p}`)
  if (t.reports === 0) console.error(`summarize-reports: no .reports/vitest.json under ${root}`)
  console.log(`${t.passed} passed, ${t.failed} failed`)
  process.exit(t.reports === 0 || t.failed > 0 || t.problems.length > 0 ? 1 : 0)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main()
