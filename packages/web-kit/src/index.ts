export { ApiError, api, createApiClient, buildQuery, setAuthBridge, refreshSession, fileNameOf } from './http'
export type { ApiClient, RequestOptions, AuthBridge, ApiClientConfig, DownloadedFile } from './http'
export { useAuthStore, principalOf } from './auth'
export {
  createMosaicI18n,
  getI18n,
  currentLocale,
  addMessages,
  useLocale,
  setLocale,
  pickLabel,
  LOCALES,
  loadElementLocale,
} from './i18n'
export type { MosaicLocale, LocaleMessages, UseLocale, I18n } from './i18n'
export { commonMessages } from './messages'
export { fetchRemotesConfig, loadRemoteModules } from './federation'
export type {
  RemoteModule,
  RemoteEntry,
  LoadedRemote,
  LoadOptions,
  I18nText,
  DashboardSource,
} from './federation'
export { isUnavailableModule, UNAVAILABLE_MARK } from './fallback-plugin'
export { fieldErrorsOf, messageOf, isApiError } from './errors'
export { problemMessage, fieldMessages, translateCode, showParam } from './problems'
export { contractCaller, contractUrl } from './contract-client'
export type { ContractCall, ContractCallOptions } from './contract-client'
