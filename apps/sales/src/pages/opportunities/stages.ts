import { computed } from 'vue'
import { useDict } from '@mosaic/dictionary/vue'
import type { DictEntry } from '@mosaic/dictionary'
import { useText } from '@mosaic/ui'
import { DICT } from '../../constants'

/** Dictionary extras may arrive as numbers or as the digits an admin typed. */
function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (typeof v === 'string' && /^\d{1,3}$/.test(v.trim())) return Number(v)
  return undefined
}

/** An outcome stage (won/lost) closes the opportunity; it is reached by closing, never by editing. */
export const isOutcome = (e: DictEntry | undefined) => !!e?.extra?.outcome

/**
 * Opportunity stages come from the `opportunity_stage` dictionary: its order is the pipeline's,
 * `extra.probability` the default win probability, `extra.outcome` marks the closing stages.
 */
export function useStages() {
  const dict = useDict(DICT.opportunityStage)
  const openStages = computed(() => dict.entries.value.filter((e) => !isOutcome(e)))
  // Some users (a bare stage picker in tests) mount without i18n: stage labels still work there.
  let t: ((key: string) => string) | undefined
  try {
    t = useText().t
  } catch {
    t = undefined
  }
  /**
   * A stage's dictionary label; the pipeline also has buckets that are statuses, not stages
   * (`invalid`), which take the status's translated name. Never the raw key when a label exists.
   */
  const label = (value: string | null | undefined) => {
    if (value && t && !dict.entry(value)) {
      const key = `sales.opportunity.statuses.${value}`
      const text = t(key)
      if (text !== key) return text
    }
    return dict.label(value)
  }
  return {
    dict,
    openStages,
    label,
    probabilityOf: (value: string | null | undefined) => intOf(dict.entry(value)?.extra?.probability),
    isOutcomeStage: (value: string | null | undefined) => isOutcome(dict.entry(value)),
  }
}
