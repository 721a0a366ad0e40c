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
 * ```diff edit=<path>    a change to an existing file: ` ` lines are context, `-` lines go, `+` lines come
 */
export type DocStep =
  | { kind: 'file'; path: string; content: string }
  | { kind: 'append'; path: string; content: string }
  | { kind: 'topology'; list: 'services' | 'remotes'; row: Record<string, unknown> }
  | { kind: 'edit'; path: string; before: string; after: string }

const FENCE = /^```[\w-]* (file|append|topology|edit)=(\S+)\n([\s\S]*?)^```$/gm

export function docSteps(markdown: string): DocStep[] {
  return [...markdown.matchAll(FENCE)].map(([, kind, target, content]): DocStep => {
    if (kind === 'topology') {
      if (target !== 'services' && target !== 'remotes') throw new Error(`topology=${target}: not a list`)
      return { kind, list: target, row: JSON.parse(content!) as Record<string, unknown> }
    }
    if (kind === 'edit') return { kind, path: target!, ...diffSides(target!, content!) }
    return { kind: kind as 'file' | 'append', path: target!, content: content! }
  })
}

/**
 * The text an edit block expects (context and `-` lines) and the text it leaves (context and `+` lines).
 * Every line carries its marker, so a block pasted without it, or with a stray one, is refused here.
 */
export function diffSides(target: string, block: string): { before: string; after: string } {
  const before: string[] = []
  const after: string[] = []
  for (const line of block.replace(/\n$/, '').split('\n')) {
    const [marker, text] = [line[0], line.slice(1)]
    if (marker !== ' ' && marker !== '-' && marker !== '+')
      throw new Error(`edit=${target}: a line starts with neither ' ', '-' nor '+': ${JSON.stringify(line)}`)
    if (marker !== '+') before.push(text)
    if (marker !== '-') after.push(text)
  }
  if (before.join('\n') === after.join('\n')) throw new Error(`edit=${target}: the block changes nothing`)
  return { before: `${before.join('\n')}\n`, after: `${after.join('\n')}\n` }
}

/** Replaces `before` by `after` in `text`; the expected text must occur exactly once, lines whole. */
export function applyEdit(text: string, before: string, after: string, target: string): string {
  const at = occurrences(text, before)
  if (at.length !== 1)
    throw new Error(
      `edit=${target}: the block's context and '-' lines occur ${at.length} times in the file, not once:\n${before}`,
    )
  return text.slice(0, at[0]) + after + text.slice(at[0]! + before.length)
}

/** Where `needle` (whole lines) starts in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = []
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1))
    if (i === 0 || text[i - 1] === '\n') found.push(i)
  return found
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

/** The existing files the doc edits (`edit=` blocks), each once. */
export const editedFiles = (steps: DocStep[]) => [
  ...new Set(steps.flatMap((s) => (s.kind === 'edit' ? [s.path] : []))),
]

/** Does to the workspace at `root` what the doc tells a developer to do, block by block. */
export function applyDocSteps(root: string, steps: DocStep[]): void {
  for (const step of steps) {
    if (step.kind === 'topology') addTopologyRow(root, step.list, step.row)
    else if (step.kind === 'append') fs.appendFileSync(path.join(root, step.path), step.content)
    else if (step.kind === 'edit') editFile(path.join(root, step.path), step)
    else writeNewFile(path.join(root, step.path), step.content)
  }
}

function editFile(file: string, step: { path: string; before: string; after: string }) {
  fs.writeFileSync(file, applyEdit(fs.readFileSync(file, 'utf8'), step.before, step.after, step.path))
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
