import { httpProblems, validationProblems, type ProblemCatalog, type ProblemText } from './catalog.js'
import { adminProblems } from './admin.js'
import { adminRuleProblems } from './admin-rules.js'
import { kitHttpProblems } from './kit-http.js'
import { kitProblems } from './kit.js'
import { salesProblems } from './sales.js'
import { ordersProblems } from './orders.js'
import { listProblems } from './lists.js'
import { exchangeProblems } from './exchange.js'
import { financePaymentProblems } from './finance-payments.js'
import { financeProblems } from './finance.js'
import { financeStatementProblems } from './finance-statements.js'
import { ticketsProblems } from './tickets.js'
import { ticketsPortalProblems } from './tickets-portal.js'

export type { ProblemCatalog, ProblemText } from './catalog.js'

/** Every code a service may answer with; one declaration carries both languages. */
export const PROBLEMS = {
  ...httpProblems,
  ...validationProblems,
  ...adminProblems,
  ...adminRuleProblems,
  ...kitHttpProblems,
  ...kitProblems,
  ...salesProblems,
  ...ordersProblems,
  ...listProblems,
  ...exchangeProblems,
  ...financePaymentProblems,
  ...financeProblems,
  ...financeStatementProblems,
  ...ticketsProblems,
  ...ticketsPortalProblems,
} as const satisfies ProblemCatalog

export type ProblemCode = keyof typeof PROBLEMS
export type ProblemParamValue = string | number | boolean | null
export type ProblemParams = Record<string, ProblemParamValue>
export type ProblemLocale = 'zh-CN' | 'en'

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEMS, value)
}

/** The names a message interpolates, e.g. `['name', 'number']`. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
}

/**
 * A code's message in one language with its params filled in. `show` renders a param for the
 * reader (the UI passes one that turns ISO timestamps into local time); unknown codes give undefined.
 */
export function formatProblem(
  code: string,
  params: ProblemParams | undefined,
  locale: ProblemLocale,
  show: (value: ProblemParamValue, name: string) => string = defaultShow,
): string | undefined {
  if (!isProblemCode(code)) return undefined
  const text: ProblemText = PROBLEMS[code]
  const template = locale === 'en' ? text.en : text.zh
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && name in params ? show(params[name] ?? null, name) : whole,
  )
}

function defaultShow(value: ProblemParamValue): string {
  return value === null ? '—' : String(value)
}
