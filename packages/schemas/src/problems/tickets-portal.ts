import type { ProblemCatalog } from './catalog.js'

/** The tickets service's codes for portal accounts, portal sign-in and the portal's own routes. */
export const ticketsPortalProblems = {
  // inputs
  'validation.portal_account_name': {
    zh: '账号只能包含字母、数字和 . _ @ -',
    en: 'An account may contain only letters, digits and . _ @ -',
  },
  'validation.password_short': { zh: '密码至少 8 位', en: 'The password must have at least 8 characters' },
  // customer accounts (staff)
  'portal.account_taken': { zh: '该账号已被使用', en: 'This account name is already taken' },
  'portal.customer_unknown': { zh: '客户不存在', en: 'The customer does not exist' },
  'portal.contact_unknown': {
    zh: '联系人不存在或不属于该客户',
    en: "The contact does not exist or is not this customer's",
  },
  // sign-in
  'portal.invalid_credentials': { zh: '账号或密码错误', en: 'Wrong account or password' },
  'portal.account_disabled': {
    zh: '该账号已停用，请联系您的客服',
    en: 'This account is disabled; contact your service representative',
  },
  'portal.too_many_logins': {
    zh: '登录尝试过多，请稍后再试',
    en: 'Too many sign-in attempts; try again later',
  },
  'portal.session_ended': {
    zh: '登录已失效，请重新登录',
    en: 'Your session has ended; sign in again',
  },
  'portal.password_wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  // the portal's views of orders and the statement
  'portal.orders_unavailable': {
    zh: '暂时无法读取订单（订单服务未响应），请稍后重试',
    en: 'Orders cannot be read right now (the orders service is not answering); try again shortly',
  },
  'portal.finance_unavailable': {
    zh: '暂时无法读取对账单（财务服务未响应），请稍后重试',
    en: 'The statement cannot be read right now (the finance service is not answering); try again shortly',
  },
} as const satisfies ProblemCatalog
