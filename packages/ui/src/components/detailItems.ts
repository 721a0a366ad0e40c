import type { TagType } from '../types'

/** One label/value pair of a record's description list (see DetailList). */
export interface DetailItem {
  label: string
  /** Shown as text; null or undefined shows an empty cell. */
  value?: string | number | null
  /** A dictionary type: `value` is a code, shown as its entry's tag. */
  dict?: string
  /** `value` as a tag coloured by `types` and labelled by `labels` (see StatusTag). */
  tags?: { types: Record<string, TagType>; labels: Record<string, string> }
  /** Columns it spans (the list has two). */
  span?: number
  /** Renders the `item-<slot>` slot instead of the value (links, composed values). */
  slot?: string
  /** Default true; false leaves the item out. */
  visible?: boolean
}
