import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  applyEdit,
  diffSides,
  docSteps,
  editedFiles,
  MODULE_DOC,
  newFiles,
  readDocSteps,
  registries,
  REPO_ROOT,
} from './module-doc.js'

const doc = fs.readFileSync(MODULE_DOC, 'utf8')
const steps = readDocSteps()
const files = newFiles(steps)
const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length

/** The numbers the doc states are the blocks the proof (new-module.test.ts) writes. */
describe('docs/adding-a-module.md', () => {
  it('states how many files a developer writes, per part, and how many registries and shared files they touch', () => {
    const stated = doc.match(
      /writes (\d+) new files \((\d+) for the service, (\d+) shared schema files, (\d+) for the remote\), adds a line or a\s+row to (\d+) registries\*\* \([^)]*\)\s+\*\*and edits (\d+) files/,
    )
    expect(stated, 'the sentence stating the counts').not.toBeNull()
    const [, total, service, schemas, remote, touched, edited] = stated!.map(Number)
    expect(files).toHaveLength(total!)
    expect([count('services/'), count('packages/'), count('apps/')]).toEqual([service, schemas, remote])
    expect(registries(steps)).toHaveLength(touched!)
    expect(editedFiles(steps)).toHaveLength(edited!)
  })

  it('names each section with the number of files or edits it holds', () => {
    expect(doc).toContain(
      `## 0. The name: permission codes, labels and peer list (${editedFiles(steps).length} edits)`,
    )
    expect(doc).toContain(`## 1. The service: \`services/equipment\` (${count('services/')} files)`)
    expect(doc).toContain(`(${count('packages/')} files, 2 registry lines)`)
    expect(doc).toContain(`## 3. The remote: \`apps/equipment\` (${count('apps/')} files)`)
  })

  it('writes each file once, none of which exists yet, and adds to registries and edits files that do', () => {
    expect(new Set(files).size).toBe(files.length)
    for (const file of files) expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(false)
    for (const file of [...registries(steps), ...editedFiles(steps)])
      expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true)
  })

  it('edits what the workspace holds: each edit block’s context occurs exactly once in its file', () => {
    const edits = steps.flatMap((s) => (s.kind === 'edit' ? [s] : []))
    expect(edits.length).toBeGreaterThan(0)
    // Applied in order, as the proof does, to the real files' text (the tree itself is never written).
    const texts = new Map<string, string>()
    for (const e of edits) {
      const text = texts.get(e.path) ?? fs.readFileSync(path.join(REPO_ROOT, e.path), 'utf8')
      texts.set(e.path, applyEdit(text, e.before, e.after, e.path))
    }
    for (const [file, text] of texts) expect(text, file).toContain('equipment')
  })
})

describe('edit blocks', () => {
  const block = (body: string) => `\`\`\`diff edit=a.ts\n${body}\`\`\`\n`

  it('reads context, removed and added lines', () => {
    expect(docSteps(block(' a\n-b\n+c\n d\n'))).toEqual([
      { kind: 'edit', path: 'a.ts', before: 'a\nb\nd\n', after: 'a\nc\nd\n' },
    ])
  })

  it('replaces whole lines, once', () => {
    const { before, after } = diffSides('a.ts', ' x\n-y\n+z\n')
    expect(applyEdit('w\nx\ny\nq\n', before, after, 'a.ts')).toBe('w\nx\nz\nq\n')
    // `xx` ends with the context line's text but is another line: not a match.
    expect(() => applyEdit('xx\ny\n', before, after, 'a.ts')).toThrow(/occur 0 times/)
  })

  it('fails loudly when the context is missing or ambiguous', () => {
    const { before, after } = diffSides('a.ts', ' x\n+y\n')
    expect(() => applyEdit('w\n', before, after, 'a.ts')).toThrow(/edit=a.ts: .* occur 0 times/)
    expect(() => applyEdit('x\nx\n', before, after, 'a.ts')).toThrow(/occur 2 times/)
  })

  it('refuses a line without a marker and a block that changes nothing', () => {
    expect(() => diffSides('a.ts', 'x\n+y\n')).toThrow(/neither/)
    expect(() => diffSides('a.ts', ' x\n y\n')).toThrow(/changes nothing/)
  })
})
