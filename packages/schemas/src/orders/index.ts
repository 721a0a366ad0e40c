export * from './products.js'
export * from './categories.js'
export { Attachment } from '../attachments.js'
export * from './quotes.js'
