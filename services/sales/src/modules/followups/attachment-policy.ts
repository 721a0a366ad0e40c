import { attachmentPolicy } from '@mosaic/service-kit'
import { followups } from './followups.store.js'

/**
 * Sales records that carry uploaded files. Downloads and every create/update storing attachments
 * follow this one policy: a file is as visible as these records, and only its uploader or someone
 * who already sees it on one of them may attach it. A new record type with files is added here.
 */
export const salesAttachments = attachmentPolicy([{ store: followups }])
