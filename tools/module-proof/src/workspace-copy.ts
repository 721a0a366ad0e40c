import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Workspace folders the packages live in (pnpm-workspace.yaml). */
const PACKAGE_FOLDERS = ['apps', 'services', 'packages', 'tools']

/**
 * A copy of the workspace's sources and build output in a temporary folder, sharing the installed
 * dependencies: the root `node_modules` (pnpm's store of every package) is a link to the real one, and
 * each package's own `node_modules` (relative links into it, as pnpm made them) is copied as is.
 * Nothing the copy does reaches the real tree except reads through that link.
 */
export async function copyWorkspace(root: string): Promise<string> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mosaic-module-proof-'))
  const skip = [
    '/node_modules',
    '.git',
    '.data',
    '.turbo',
    '.reports',
    'node_modules/.vite',
    'node_modules/.cache',
  ]
  await run('rsync', ['-a', ...skip.map((s) => `--exclude=${s}`), `${root}/`, `${copy}/`])
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'))
  return copy
}

interface Manifest {
  name: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  scripts?: Record<string, string>
}

const readManifest = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest

function workspacePackages(root: string): Map<string, string> {
  const dirs = PACKAGE_FOLDERS.flatMap((folder) =>
    fs.readdirSync(path.join(root, folder)).map((name) => path.join(root, folder, name)),
  )
  return new Map(
    dirs.filter((d) => fs.existsSync(path.join(d, 'package.json'))).map((d) => [readManifest(d).name, d]),
  )
}

/**
 * What `pnpm install` does for a new package whose dependencies the workspace already has: links each
 * workspace dependency to its folder and each other one to the copy another package already links, with
 * that package's `.bin` commands. A dependency no package has yet fails here (it needs a real install).
 */
export function linkNewPackage(root: string, dir: string): void {
  const manifest = readManifest(dir)
  const workspace = workspacePackages(root)
  const nodeModules = path.join(dir, 'node_modules')
  const binSources = new Set<string>()
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    const link = path.join(nodeModules, dep)
    fs.mkdirSync(path.dirname(link), { recursive: true })
    const local = workspace.get(dep)
    if (local) {
      fs.symlinkSync(path.relative(path.dirname(link), local), link)
      continue
    }
    const holder = [...workspace.values()].find(
      (d) => d !== dir && fs.existsSync(path.join(d, 'node_modules', dep)),
    )
    if (!holder) throw new Error(`${manifest.name}: no workspace package has ${dep} installed`)
    fs.symlinkSync(fs.realpathSync(path.join(holder, 'node_modules', dep)), link)
    binSources.add(path.join(holder, 'node_modules/.bin'))
  }
  linkBins(nodeModules, binSources)
}

function linkBins(nodeModules: string, sources: Set<string>) {
  const bin = path.join(nodeModules, '.bin')
  fs.mkdirSync(bin, { recursive: true })
  for (const source of sources) {
    if (!fs.existsSync(source)) continue
    for (const name of fs.readdirSync(source)) {
      const target = path.join(bin, name)
      if (!fs.existsSync(target)) fs.symlinkSync(fs.realpathSync(path.join(source, name)), target)
    }
  }
}

/** Runs a package.json script the way `pnpm run` does (its `.bin` first on PATH); rejects with its output. */
export function runScript(dir: string, script: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const command = readManifest(dir).scripts?.[script]
  if (!command) return Promise.reject(new Error(`${dir}: no ${script} script`))
  const PATH = `${path.join(dir, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: dir, env: { ...outsideVitest(), ...env, PATH } })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(dir)}: ${script} exited with ${code}\n${output.slice(-4000)}`)),
    )
  })
}

/**
 * This process's environment without what vitest sets for its own workers (NODE_ENV=test, VITEST*):
 * a build would take itself for a test run, a nested vitest for one of the outer run's workers.
 */
function outsideVitest(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST.*|NODE_ENV|TEST)$/.test(key)),
  )
}
