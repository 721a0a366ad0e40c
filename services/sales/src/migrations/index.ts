import { KitRecordTables1763800000000 } from '@mosaic/service-kit'

/** In order; the service runs whatever is pending at start. */
export const migrations = [KitRecordTables1763800000000]
