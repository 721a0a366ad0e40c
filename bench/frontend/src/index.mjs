export { runJourney, CHROMIUM_PATH, CHROMIUM_FLAGS, STAGES } from './journey.mjs'
export {
  BUDGETS,
  LIBRARIES,
  libraryDownloads,
  loginLibraryModules,
  stageTotals,
  remoteEntrySizes,
  overBudget,
  kb,
} from './analyse.mjs'

/** One journey, analysed: what the bench prints and the e2e budget test asserts. */
export async function measure(opts) {
  const { runJourney } = await import('./journey.mjs')
  const { libraryDownloads, loginLibraryModules, stageTotals, remoteEntrySizes, overBudget } =
    await import('./analyse.mjs')
  const { scripts, errors } = await runJourney(opts)
  const totals = stageTotals(scripts)
  const { libraries, mapped } = libraryDownloads(scripts, opts.repoRoot)
  const remoteEntries = remoteEntrySizes(opts.repoRoot)
  const loginModules = loginLibraryModules(scripts, opts.repoRoot)
  const report = { scripts, errors, totals, libraries, mapped, remoteEntries, loginModules }
  return { ...report, over: overBudget(report) }
}
