/**
 * Import and export of a main list (decision 108). A list plugs in with one spec and one call,
 * made before its `registerAggregate` (whose `/:id` routes would otherwise take `/export`):
 *
 *   registerExchange(api, productExchange(deps), { db, ...deps })
 *
 * where the spec names its fields (kind, zh/en label, required, business key), its list query and
 * filter schema, `findExisting` (business key → record, via `existingMatches`) and the aggregate's
 * own create / update / remove functions. See `services/sales/src/modules/customers/customers.exchange.ts`.
 */
export * from './spec.js'
export { registerExchange, importFields, langOf, type ExchangeOptions } from './routes.js'
export { KitImportTables1766500000000 } from './migration.js'
export { IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, readSheet, cellText } from './read-file.js'
export { readCell, readDate, readDateTime, writeDateTime, escapeFormula, unescapeCell } from './values.js'
export { existingMatches } from './existing.js'
