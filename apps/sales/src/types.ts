import type { sales } from '@mosaic/schemas'

/** The record a follow-up drawer is opened for (its target is then fixed). */
export interface FollowUpPreset {
  targetType: sales.FollowUpTarget
  targetId: string
  targetName: string
}

/** One record the transfer dialog moves to a new owner. */
export interface TransferTarget {
  id: string
  title: string
  ownerId?: string | null
}
