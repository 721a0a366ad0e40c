import { sales } from '@mosaic/schemas'
import { presentBy } from '@mosaic/service-kit'

export const presentFollowUp = presentBy(sales.FollowUp)
