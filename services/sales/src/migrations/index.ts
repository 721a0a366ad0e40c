import {
  KitAttachmentTables1763900000300,
  KitDeptReplica1764400000000,
  KitDirectoryTables1763900000200,
  KitEventTables1763900000000,
  KitRecordTables1763800000000,
  KitRuleTables1763900000100,
  KitUserAuthVersion1764200000100,
} from '@mosaic/service-kit'
import { SalesSchema1763900001000 } from './1763900001000-sales-schema.js'
import { SalesPool1763900001100 } from './1763900001100-pool.js'
import { SalesFollowUpReminders1763900001200 } from './1763900001200-followup-reminders.js'
import { SalesFollowUpWriterLeadLink1764300000000 } from './1764300000000-followup-writer-and-lead-link.js'
import { SalesListIndexes1764500000000 } from './1764500000000-list-indexes.js'

/** In order; the service runs whatever is pending at start. */
export const migrations = [
  KitRecordTables1763800000000,
  KitEventTables1763900000000,
  KitRuleTables1763900000100,
  KitDirectoryTables1763900000200,
  KitAttachmentTables1763900000300,
  SalesSchema1763900001000,
  SalesPool1763900001100,
  SalesFollowUpReminders1763900001200,
  KitUserAuthVersion1764200000100,
  SalesFollowUpWriterLeadLink1764300000000,
  KitDeptReplica1764400000000,
  SalesListIndexes1764500000000,
]
