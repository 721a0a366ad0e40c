export * from './testing-database.js'
export * from './testing-hostile.js'
export * from './testing-harness.js'
export * from './testing-contracts.js'
