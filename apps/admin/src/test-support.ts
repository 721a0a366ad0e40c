import { remoteTestI18n } from '@mosaic/ui/test-utils'
import { messages } from './messages'
// The record types, registered as the shell's load of the route module does.
import './records'

/** A fresh page-wide i18n with this app's messages, as the shell would set it up. */
export function testI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return remoteTestI18n(messages, locale)
}

/** The fake `api` transport; stub its methods per test. */
export { fakeHttp as http } from '@mosaic/web-kit/test-utils'
