import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, isAuditAction } from '@mosaic/schemas'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** Actions of other logs that share the word (the pool's own event log), not audit rows. */
const NOT_AUDIT = new Set(['warn'])

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    if (statSync(path).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes('test-support') ? [path] : []
  })
}

/** The kit's and every service's source files (tests and test support left out). */
function serviceSources(): string[] {
  return [
    join(ROOT, 'packages/service-kit/src'),
    ...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'src')),
  ].flatMap(sources)
}

/** Every string literal an `action` property, parameter or argument is given in the service code. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of serviceSources()) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\baction\??\s*[:=]\s*([^,\n}{)]+)/g)) {
      for (const q of m[1]!.matchAll(/'([a-z_]+)'/g)) found.set(q[1]!, relative(ROOT, file))
    }
  }
  return found
}

describe('AUDIT_ACTIONS', () => {
  it('has both labels for every action', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(label.zh, action).toMatch(/\S/)
      expect(label.en, action).toMatch(/\S/)
    }
  })

  it('lists every action a service writes', () => {
    const found = writtenActions()
    // The scan sees the actions we know are written, so it is looking in the right places.
    for (const known of ['delete', 'transfer', 'deal', 'team_add', 'claim', 'convert', 'lockout'])
      expect(found.has(known), known).toBe(true)
    const missing = [...found].filter(([a]) => !isAuditAction(a) && !NOT_AUDIT.has(a))
    expect(missing.map(([a, file]) => `${a} (${file})`)).toEqual([])
  })

  it('no service writes English words into an audit note (the reader may read Chinese)', () => {
    // The kit's restore note, which the audit timeline translates (ui records.test.ts).
    const translated = new Set(['Restored version ${version}'])
    const worded: string[] = []
    let notes = 0
    for (const file of serviceSources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bnote\s*:\s*(['`])((?:(?!\1).)*)\1/g)) {
        notes++
        if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(m[2]!.replace(/\$\{[^}]*\}/g, '')) && !translated.has(m[2]!))
          worded.push(`${relative(ROOT, file)}: ${m[2]}`)
      }
    }
    expect(notes).toBeGreaterThan(1)
    expect(worded).toEqual([])
  })
})
