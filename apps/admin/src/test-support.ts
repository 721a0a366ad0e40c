import { remotePageTestKit } from '@mosaic/ui/test-utils'
import adminModule from './routes'
// The record types, registered as the shell's load of the route module does.
import './records'

/** A fresh page-wide i18n with this app's messages, as the shell would set it up. */
export const { testI18n } = remotePageTestKit(adminModule)

/** The fake `api` transport; stub its methods per test. */
export { fakeHttp as http } from '@mosaic/web-kit/test-utils'
