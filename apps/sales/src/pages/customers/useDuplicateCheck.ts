import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { sales } from '@mosaic/schemas'
import { useText } from '@mosaic/ui'
import { salesApi } from '../../api'

/**
 * Checks the customer name against existing customers as the user types (debounced). An exact
 * match would be refused by the service, so it is an error; names containing the input are a
 * "did you mean" hint.
 */
export function useDuplicateCheck(name: Ref<string>, excludeId: Ref<string | undefined>, delayMs = 300) {
  const { t } = useText()
  const result = ref<sales.DuplicateCheck | null>(null)
  const checking = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  async function check(q: string) {
    const mine = ++seq
    checking.value = true
    try {
      const found = await salesApi.duplicates(q, excludeId.value)
      if (mine === seq) result.value = found
    } catch {
      // The check is advice; the service still refuses a duplicate on save.
      if (mine === seq) result.value = null
    } finally {
      if (mine === seq) checking.value = false
    }
  }

  watch(name, (value) => {
    clearTimeout(timer)
    const q = value.trim()
    seq++
    if (!q) {
      result.value = null
      checking.value = false
      return
    }
    timer = setTimeout(() => void check(q), delayMs)
  })
  onBeforeUnmount(() => clearTimeout(timer))

  const exactError = computed(() => {
    const e = result.value?.exact
    if (!e) return ''
    // Outside the caller's scope the service says only that the name is taken.
    if (!e.visible) return t('sales.customer.duplicateHidden')
    const owner = e.inPool ? t('sales.customer.inPool') : (e.ownerName ?? '—')
    return t('sales.customer.duplicateExact', { name: e.name, number: e.number, owner })
  })
  const similar = computed(() =>
    (result.value?.similar ?? []).filter((s) => {
      const exact = result.value?.exact
      return !exact?.visible || s.id !== exact.id
    }),
  )

  return { result, checking, exactError, similar }
}
