import { SalesSchema1763900001000 } from './1763900001000-sales-schema.js'
import { SalesPool1763900001100 } from './1763900001100-pool.js'
import { SalesFollowUpReminders1763900001200 } from './1763900001200-followup-reminders.js'
import { SalesFollowUpWriterLeadLink1764300000000 } from './1764300000000-followup-writer-and-lead-link.js'
import { SalesListIndexes1764500000000 } from './1764500000000-list-indexes.js'
import { SalesListOrderIndexes1764700000000 } from './1764700000000-list-order-indexes.js'
import { SalesOpportunityClosureApproval1765300000000 } from './1765300000000-opportunity-closure-approval.js'
import { SalesCustomerReceivables1766000310000 } from './1766000310000-customer-receivables.js'
import { SalesDashboardIndexes1766100000000 } from './1766100000000-dashboard-indexes.js'
import { SalesDashboardCoveringIndexes1766200000000 } from './1766200000000-dashboard-covering-indexes.js'
import { SalesDeptStatusIndex1766300000000 } from './1766300000000-dept-status-index.js'
import { SalesDeptNumberIndex1766400000000 } from './1766400000000-dept-number-index.js'
import { SalesScopeSearchIndexes1766450000000 } from './1766450000000-scope-search-indexes.js'

/**
 * Sales' own, in order; createDomainService adds the kit's tables (domainKitMigrations) and the
 * service runs whatever is pending at start, all in timestamp order.
 */
export const migrations = [
  SalesSchema1763900001000,
  SalesPool1763900001100,
  SalesFollowUpReminders1763900001200,
  SalesFollowUpWriterLeadLink1764300000000,
  SalesListIndexes1764500000000,
  SalesListOrderIndexes1764700000000,
  SalesOpportunityClosureApproval1765300000000,
  SalesCustomerReceivables1766000310000,
  SalesDashboardIndexes1766100000000,
  SalesDashboardCoveringIndexes1766200000000,
  SalesDeptStatusIndex1766300000000,
  SalesDeptNumberIndex1766400000000,
  SalesScopeSearchIndexes1766450000000,
]
