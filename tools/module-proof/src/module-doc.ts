import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository this package sits in. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const MODULE_DOC = path.join(REPO_ROOT, 'docs/adding-a-module.md')

/**
 * One step of the doc that changes the workspace, from a fenced block's info string:
 * ```ts file=<path>      a new file with the block as its content
 * ```ts append=<path>    a line added to an existing registry file
 * ```json topology=<key> a row added to topology.json's `services` or `remotes`
 */
export type DocStep =
  | { kind: 'file'; path: string; content: string }
  | { kind: 'append'; path: string; content: string }
  | { kind: 'topology'; list: 'services' | 'remotes'; row: Record<string, unknown> }

const FENCE = /^```[\w-]* (file|append|topology)=(\S+)\n([\s\S]*?)^```$/gm

export function docSteps(markdown: string): DocStep[] {
  return [...markdown.matchAll(FENCE)].map(([, kind, target, content]) => {
    if (kind === 'topology') {
      if (target !== 'services' && target !== 'remotes') throw new Error(`topology=${target}: not a list`)
      return { kind, list: target, row: JSON.parse(content!) as Record<string, unknown> }
    }
    return { kind: kind as 'file' | 'append', path: target!, content: content! }
  })
}

export const readDocSteps = (file = MODULE_DOC) => docSteps(fs.readFileSync(file, 'utf8'))

/** The new files the doc has a developer write. */
export const newFiles = (steps: DocStep[]) => steps.flatMap((s) => (s.kind === 'file' ? [s.path] : []))

/** The existing files the doc adds a line or a row to. */
export const registries = (steps: DocStep[]) =>
  [
    ...new Set(
      steps.map((s) => (s.kind === 'topology' ? 'topology.json' : s.kind === 'append' ? s.path : null)),
    ),
  ].filter((p): p is string => p !== null)

/** Does to the workspace at `root` what the doc tells a developer to do, block by block. */
export function applyDocSteps(root: string, steps: DocStep[]): void {
  for (const step of steps) {
    if (step.kind === 'topology') addTopologyRow(root, step.list, step.row)
    else if (step.kind === 'append') fs.appendFileSync(path.join(root, step.path), step.content)
    else writeNewFile(path.join(root, step.path), step.content)
  }
}

function writeNewFile(file: string, content: string) {
  // The doc writes new files only; an existing one would mean the example clashes with the workspace.
  if (fs.existsSync(file)) throw new Error(`${file} exists already`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
}

function addTopologyRow(root: string, list: 'services' | 'remotes', row: Record<string, unknown>) {
  const file = path.join(root, 'topology.json')
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown[]>
  manifest[list]!.push(row)
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`)
}
