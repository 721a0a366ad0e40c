import { TZDate } from '@date-fns/tz'

/** Business dates (which day a number belongs to) are reckoned here unless a service says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export interface DateParts {
  year: number
  /** 1–12 */
  month: number
  day: number
}

/** The calendar date of `at` in `timeZone` (a server's or browser's own zone never matters). */
export function datePartsIn(at: Date, timeZone: string = DEFAULT_TIME_ZONE): DateParts {
  const local = new TZDate(+at, timeZone)
  // An unknown zone gives NaN fields; fail as Intl does rather than print "NaN" into a number.
  if (Number.isNaN(local.getFullYear())) throw new RangeError(`Invalid time zone: ${timeZone}`)
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() }
}
