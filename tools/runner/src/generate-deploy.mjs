// `pnpm topology`: writes the docker files from topology.json. `pnpm topology --check` writes
// nothing and exits 1 when a committed file differs from what topology.json says it should be.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { deployFiles } from './deploy-files.mjs'
import { loadManifest, MANIFEST_FILE } from './manifest.mjs'

const readOrNull = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null)

/** The generated files whose committed text differs from what the manifest produces. */
export function staleFiles(repoRoot, manifest) {
  return Object.entries(deployFiles(manifest))
    .filter(([rel, text]) => readOrNull(path.join(repoRoot, rel)) !== text)
    .map(([rel]) => rel)
}

export function writeDeployFiles(repoRoot, manifest) {
  const stale = staleFiles(repoRoot, manifest)
  const files = deployFiles(manifest)
  for (const rel of stale) fs.writeFileSync(path.join(repoRoot, rel), files[rel])
  return stale
}

function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
  const repoRoot = path.dirname(MANIFEST_FILE)
  const manifest = loadManifest()
  if (values.check) {
    const stale = staleFiles(repoRoot, manifest)
    if (!stale.length) return console.log('Generated files match topology.json.')
    console.error(`Out of date with topology.json (run \`pnpm topology\`): ${stale.join(', ')}`)
    process.exitCode = 1
    return
  }
  const written = writeDeployFiles(repoRoot, manifest)
  console.log(written.length ? `Wrote ${written.join(', ')}` : 'Generated files already match topology.json.')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    main()
  } catch (err) {
    console.error(err.message)
    process.exit(1)
  }
}
