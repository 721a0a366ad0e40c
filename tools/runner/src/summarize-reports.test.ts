import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { summarize } from './summarize-reports.mjs'
import { tmpDir, writeFiles, removeTmpDirs } from './test-helpers.ts'

const SCRIPT = fileURLToPath(new URL('./summarize-reports.mjs', import.meta.url))
const report = (passed: number, failed: number, extra: object = {}) =>
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numFailedTestSuites: 0,
    success: failed === 0,
    ...extra,
  })

function run(root: string) {
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' })
  const lines = r.stdout.trim().split('\n')
  return { status: r.status, last: lines[lines.length - 1], stdout: r.stdout }
}

describe('summarize-reports', () => {
  it('sums every report, skipping node_modules, and exits 0 when all pass', () => {
    const root = tmpDir()
    writeFiles(root, {
      'packages/a/.reports/vitest.json': report(3, 0),
      'services/admin/.reports/vitest.json': report(10, 0),
      'e2e/.reports/vitest.json': report(2, 0),
      'node_modules/x/.reports/vitest.json': report(100, 100),
      'packages/a/node_modules/y/.reports/vitest.json': report(100, 100),
    })
    const r = run(root)
    expect(r.stdout).toBe('15 passed, 0 failed\n')
    expect(r.status).toBe(0)
  })

  it('exits non-zero when any test failed', () => {
    const root = tmpDir()
    writeFiles(root, { 'a/.reports/vitest.json': report(4, 0), 'b/.reports/vitest.json': report(1, 2) })
    const r = run(root)
    expect(r.last).toBe('5 passed, 2 failed')
    expect(r.status).toBe(1)
  })

  it('treats no reports as 0 passed, 0 failed and fails', () => {
    const r = run(tmpDir())
    expect(r.stdout).toBe('0 passed, 0 failed\n')
    expect(r.status).toBe(1)
  })

  it('fails on a suite that did not load or an unreadable report', () => {
    const root = tmpDir()
    writeFiles(root, {
      'a/.reports/vitest.json': report(4, 0, { numFailedTestSuites: 1, success: false }),
      'b/.reports/vitest.json': '{not json',
    })
    const totals = summarize(root)
    expect(totals).toMatchObject({ passed: 4, failed: 0, reports: 1 })
    expect(totals.problems).toHaveLength(2)
    expect(run(root)).toMatchObject({ status: 1, last: '4 passed, 0 failed' })
  })
})

afterAll(removeTmpDirs)
