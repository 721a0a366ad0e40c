// Import boundaries of the workspace, checked by `pnpm lint` (see docs/decisions.md).
// Paths are relative to the repository root; workspace packages resolve to their sources.

/**
 * Admin's audit page test shows sales' record types as the shell composes them; a package dependency on the sales
 * remote would make turbo build that remote before admin's tests, so the test reaches into its sources instead.
 */
const AUDIT_PAGE_TEST = '^apps/admin/src/pages/audit/AuditPage[.]test[.]ts$'

/**
 * A service's package entries (`@mosaic/svc-<name>/app` builds it in-process, `/config` reads its settings): a
 * bench drives the service through them, as the service's own tests do.
 */
const SERVICE_ENTRIES = '^services/[^/]+/src/(app|config)[.]ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'app-imports-service',
      comment:
        'boundary: a front-end app talks to a service over HTTP only; share types through @mosaic/schemas',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^services/' },
    },
    {
      name: 'package-imports-app-or-service',
      comment: 'boundary: packages sit below apps and services and never import them',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(apps|services)/' },
    },
    {
      name: 'tooling-imports-app-or-service',
      comment:
        'boundary: e2e, bench and tools reach apps and services through the running system or a package entry, never their sources',
      severity: 'error',
      from: { path: '^(e2e|bench|tools)/' },
      to: { path: '^(apps|services)/', pathNot: SERVICE_ENTRIES },
    },
    {
      name: 'cross-project-relative-import',
      comment:
        'boundary: another workspace project is imported by its package name (and its exports), not by a relative path into its folder',
      severity: 'error',
      from: { path: '^((apps|services|packages|tools|bench)/[^/]+|e2e)/', pathNot: AUDIT_PAGE_TEST },
      to: {
        dependencyTypes: ['local'],
        pathNot: ['^$1/'],
      },
    },
    {
      name: 'no-import-cycle',
      comment:
        'boundary: files must not import each other in a circle (type-only imports count too; a lazy import() of a route component does not, it runs after both files have loaded)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)(node_modules|dist|[.]data|[.]turbo|[.]reports|coverage)/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.vue', '.d.ts', '.d.mts', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
}
