export * from './envelope.js'
export * from './admin.js'
export * from './sales.js'
export * from './catalog.js'
