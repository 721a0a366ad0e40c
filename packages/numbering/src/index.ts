export * from './dates.js'
export * from './format.js'
