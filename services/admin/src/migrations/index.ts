import { KitEventTables1763900000000, KitRecordTables1763800000000 } from '@mosaic/service-kit'
import { AdminSchema1763800000100 } from './1763800000100-admin-schema.js'
import { AdminRules1763900000200 } from './1763900000200-rules.js'
import { Notifications1763900000300 } from './1763900000300-notifications.js'
import { AdminAuthVersionRoleNames1764200000200 } from './1764200000200-auth-version-role-names.js'
import { AdminDirectoryNames1764400000100 } from './1764400000100-directory-names.js'
import { AdminApprovals1764900000100 } from './1764900000100-approvals.js'
import { AdminDemoCompany1766100700100 } from './1766100700100-demo-company.js'

/** In order; the service runs whatever is pending at start. */
export const migrations = [
  KitRecordTables1763800000000,
  KitEventTables1763900000000,
  AdminSchema1763800000100,
  AdminRules1763900000200,
  Notifications1763900000300,
  AdminAuthVersionRoleNames1764200000200,
  AdminDirectoryNames1764400000100,
  AdminApprovals1764900000100,
  AdminDemoCompany1766100700100,
]
