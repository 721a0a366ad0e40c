/**
 * The formats a field must have, shared by the server schemas and the browser forms so both refuse
 * the same input with the same message code (`validation.phone`, …). Plain regexes, no zod: the UI
 * imports them without pulling in the schema library.
 */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,30}$/
export const WEBSITE_PATTERN = /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i
/** zod's own e-mail check (`z.regexes.email`), so `z.email()` and the form agree. */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/
/** Money: up to 16 digits and 2 decimals, as a string. */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/
/** Quantities: up to 14 digits and 4 decimals. */
export const QUANTITY_PATTERN = /^\d{1,14}(\.\d{1,4})?$/

/** Which message code each pattern's failure answers with. */
export const PATTERN_CODES = {
  phone: 'validation.phone',
  website: 'validation.website',
  email: 'validation.email',
  money: 'validation.money',
  quantity: 'validation.quantity',
} as const
