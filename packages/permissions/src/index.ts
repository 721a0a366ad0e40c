export * from './catalog.js'
export * from './scopes.js'
export * from './roles.js'
export * from './principal.js'
