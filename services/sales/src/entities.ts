import { ContactEntity, CustomerEntity } from './modules/customers/customers.entity.js'
import { FollowUpEntity } from './modules/followups/followups.entity.js'
import { LeadEntity } from './modules/leads/leads.entity.js'
import { OpportunityEntity } from './modules/opportunities/opportunities.entity.js'

/** Every TypeORM entity of the service (the schema itself comes from the migrations). */
export const entities = [CustomerEntity, ContactEntity, LeadEntity, OpportunityEntity, FollowUpEntity]
