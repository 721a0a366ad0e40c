import type { ProblemCatalog } from './catalog.js'

/** The tickets service's codes for portal accounts, portal sign-in and the portal's own routes. */
export const ticketsPortalProblems = {
  // inputs
  'validation.portal_account_name': {
    zh: '账号只能包含字母、数字和 . _ @ -',
    en: 'An account may contain only letters, digits and . _ @ -',
  },
  'validation.password_short': { zh: '密码至少 8 位', en: 'The password must have at least 8 characters' },
} as const satisfies ProblemCatalog
