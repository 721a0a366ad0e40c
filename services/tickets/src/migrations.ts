import { PortalSchema1767000100000 } from './modules/portal-accounts/portal-accounts.migration.js'

/** In timestamp order; the preset runs whatever is pending at start, after the kit's own. */
export const migrations = [PortalSchema1767000100000]
