export * from './month.js'
export * from './figures.js'
export * from './team.js'
export { sumDecimal } from './sum.js'
