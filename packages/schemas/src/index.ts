export * from './common.js'
export * as admin from './admin/index.js'
export * from './events.js'
export * as sales from './sales/index.js'
