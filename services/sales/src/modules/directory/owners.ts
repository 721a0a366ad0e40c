import { directoryOwners } from '@mosaic/service-kit'

/** Owners of sales records: the caller, or with the transfer permission an enabled user of the replica. */
export const { resolveOwner, resolveOwners, directoryOwner } = directoryOwners('sales')
