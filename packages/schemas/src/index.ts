export * from './common.js'
export * as admin from './admin/index.js'
