import { KitRecordTables1763800000000 } from '@mosaic/service-kit'
import { AdminSchema1763800000100 } from './1763800000100-admin-schema.js'

/** In order; the service runs whatever is pending at start. */
export const migrations = [KitRecordTables1763800000000, AdminSchema1763800000100]
