/**
 * The services' business time zone (BUSINESS_TIME_ZONE's default): document dates are calendar days
 * there, and from 16:00 UTC its day is already tomorrow's UTC date.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai'

/** Today (YYYY-MM-DD) in the business time zone. */
export const businessToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE }).format(new Date())
