import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tmpDir, writeFiles, removeTmpDirs } from './test-helpers.ts'

const REPO = fileURLToPath(new URL('../../..', import.meta.url))

/**
 * Runs a copy of .ci/run in a skeleton repo whose `pnpm` is a stub: `pnpm test` writes the
 * reports named by FAKE_REPORTS and exits with FAKE_TEST_STATUS.
 */
function ciRun(fake: { reports: Record<string, [number, number]>; testStatus: number }) {
  const root = tmpDir('mosaic-ci-')
  const bin = path.join(root, 'fakebin')
  writeFiles(root, {
    '.ci/run': fs.readFileSync(path.join(REPO, '.ci/run'), 'utf8'),
    '.ci/provide-node': fs.readFileSync(path.join(REPO, '.ci/provide-node'), 'utf8'),
    'package.json': '{"packageManager":"pnpm@12.21.0"}',
    'tools/runner/src/summarize-reports.mjs': fs.readFileSync(
      path.join(REPO, 'tools/runner/src/summarize-reports.mjs'),
      'utf8',
    ),
    'stale/.reports/vitest.json': JSON.stringify({ numPassedTests: 0, numFailedTests: 99 }),
    'fakebin/pnpm': `#!/usr/bin/env bash
echo "pnpm $*" >> "$FAKE_LOG"
if [ "$1" = test ]; then
  node -e 'for (const [dir, [p, f]] of Object.entries(JSON.parse(process.env.FAKE_REPORTS))) {
    require("fs").mkdirSync(dir + "/.reports", { recursive: true });
    require("fs").writeFileSync(dir + "/.reports/vitest.json", JSON.stringify({ numPassedTests: p, numFailedTests: f }));
  }'
  exit "$FAKE_TEST_STATUS"
fi
`,
    'fakebin/apt-get': '#!/usr/bin/env bash\necho "apt-get $*" >> "$FAKE_LOG"\n',
  })
  for (const f of ['pnpm', 'apt-get']) fs.chmodSync(path.join(bin, f), 0o755)
  const log = path.join(root, 'calls.log')
  const r = spawnSync('bash', [path.join(root, '.ci/run')], {
    cwd: '/',
    encoding: 'utf8',
    input: '',
    env: {
      ...process.env,
      CI: 'true',
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_LOG: log,
      FAKE_REPORTS: JSON.stringify(fake.reports),
      FAKE_TEST_STATUS: String(fake.testStatus),
    },
  })
  const lines = r.stdout.trim().split('\n')
  return {
    status: r.status,
    last: lines[lines.length - 1],
    stdout: r.stdout,
    calls: fs.readFileSync(log, 'utf8'),
    stderr: r.stderr,
  }
}

describe('.ci/run', () => {
  it('installs, tests and ends with the summed line, ignoring stale reports', () => {
    const r = ciRun({ reports: { a: [3, 0], b: [4, 0] }, testStatus: 0 })
    expect(r.calls).toContain('pnpm install --frozen-lockfile')
    expect(r.calls).toContain('pnpm test')
    // The test runs on Node >= 24, which .ci/provide-node keeps; the run names it once.
    expect(r.stdout.match(/^node v/gm)).toEqual(['node v'])
    expect(r.stdout).toContain(`node ${process.version} `)
    expect(r.last).toBe('7 passed, 0 failed')
    expect(r.status).toBe(0)
  })

  it('fails when the test command fails even if the reports show no failure', () => {
    const r = ciRun({ reports: { a: [3, 0] }, testStatus: 2 })
    expect(r.last).toBe('3 passed, 0 failed')
    expect(r.status).toBe(2)
  })

  it('fails when the reports show failures or are missing', () => {
    expect(ciRun({ reports: { a: [3, 1] }, testStatus: 0 })).toMatchObject({
      status: 1,
      last: '3 passed, 1 failed',
    })
    expect(ciRun({ reports: {}, testStatus: 0 })).toMatchObject({ status: 1, last: '0 passed, 0 failed' })
  })
})

afterAll(removeTmpDirs)
