export * from './receivables.js'
export * from './payments.js'
export * from './invoices.js'
export * from './statements.js'
