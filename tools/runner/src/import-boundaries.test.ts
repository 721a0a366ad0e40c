import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The import-boundary rules of `pnpm lint` (.dependency-cruiser.mjs) must fail on a real breach, not only pass on a
// clean tree: each case writes probe files into the repository, checks only those, and removes them again.
const REPO = fileURLToPath(new URL('../../..', import.meta.url))
const DEPCRUISE = fileURLToPath(new URL('../node_modules/.bin/depcruise', import.meta.url))

/** Writes the probe files (paths relative to the repository), runs the boundary check on them, removes them. */
function checkProbes(files: Record<string, string>, maxDepth: number) {
  const paths = Object.keys(files)
  try {
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(REPO, file), text)
    const run = spawnSync(
      DEPCRUISE,
      ['--config', '.dependency-cruiser.mjs', '--max-depth', String(maxDepth), ...paths],
      { cwd: REPO, encoding: 'utf8' },
    )
    return { status: run.status, output: run.stdout + run.stderr }
  } finally {
    for (const file of paths) fs.rmSync(path.join(REPO, file), { force: true })
  }
}

const probe = (dir: string, name: string) => `${dir}/__boundary-probe-${process.pid}-${name}.ts`

describe('import boundaries (pnpm lint)', () => {
  it('rejects a package importing a service by a relative path', () => {
    const file = probe('packages/permissions/src', 'reach')
    const { status, output } = checkProbes(
      { [file]: "export { default } from '../../../services/sales/src/main.ts'\n" },
      1,
    )
    expect(status).not.toBe(0)
    expect(output).toContain(`error package-imports-app-or-service: ${file} → services/sales/src/main.ts`)
    expect(output).toContain(`error cross-project-relative-import: ${file} → services/sales/src/main.ts`)
  })

  it('rejects two files importing each other', () => {
    const first = probe('packages/permissions/src', 'first')
    const second = probe('packages/permissions/src', 'second')
    const { status, output } = checkProbes(
      {
        [first]: `import { second } from './${path.basename(second)}'\nexport const first = () => second\n`,
        [second]: `import { first } from './${path.basename(first)}'\nexport const second = () => first\n`,
      },
      2,
    )
    expect(status).not.toBe(0)
    const cycle = [first, second, first].map((file) => file.replaceAll('.', '[.]')).join(' →\\s+')
    expect(output).toMatch(new RegExp(`error no-import-cycle: ${cycle}`))
  })
})
