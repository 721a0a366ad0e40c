import { admin } from '@mosaic/schemas'
import { presentBy } from '@mosaic/service-kit'

/** The rule as the API answers it (and, without bookkeeping, as `admin.rule.changed` carries it). */
export const presentPoolRule = presentBy(admin.PoolRule)
