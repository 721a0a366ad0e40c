export * from './bulk.js'
export * from './exchange.js'
export * from './dashboard.js'
export * from './demo.js'
