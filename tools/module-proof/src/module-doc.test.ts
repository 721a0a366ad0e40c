import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MODULE_DOC, newFiles, readDocSteps, registries, REPO_ROOT } from './module-doc.js'

const doc = fs.readFileSync(MODULE_DOC, 'utf8')
const steps = readDocSteps()
const files = newFiles(steps)
const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length

/** The numbers the doc states are the blocks the proof (new-module.test.ts) writes. */
describe('docs/adding-a-module.md', () => {
  it('states how many files a developer writes, per part, and how many registries they touch', () => {
    const stated = doc.match(
      /writes (\d+) new files \((\d+) for the service, (\d+) shared schema files, (\d+) for the remote\) and adds a line or a\s+row to (\d+) registries/,
    )
    expect(stated, 'the sentence stating the counts').not.toBeNull()
    const [, total, service, schemas, remote, touched] = stated!.map(Number)
    expect(files).toHaveLength(total!)
    expect([count('services/'), count('packages/'), count('apps/')]).toEqual([service, schemas, remote])
    expect(registries(steps)).toHaveLength(touched!)
  })

  it('names each section with the number of files it holds', () => {
    expect(doc).toContain(`## 1. The service: \`services/tickets\` (${count('services/')} files)`)
    expect(doc).toContain(`(${count('packages/')} files, 2 registry lines)`)
    expect(doc).toContain(`## 3. The remote: \`apps/tickets\` (${count('apps/')} files)`)
  })

  it('writes each file once, none of which exists yet, and adds to registries that do', () => {
    expect(new Set(files).size).toBe(files.length)
    for (const file of files) expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(false)
    for (const file of registries(steps)) expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true)
  })
})
