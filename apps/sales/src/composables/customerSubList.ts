import { computed, onMounted, ref, watch, type Ref } from 'vue'
import type { sales } from '@mosaic/schemas'
import { useText } from '@mosaic/ui'

/**
 * The rows of a list inside a customer's page (contacts, opportunities): loaded on mount and
 * whenever the page switches customers; a read-only customer hides the writing controls.
 * `changed` reloads and tells the page, whose header counts may have moved.
 */
export function useCustomerSubList<T>(
  customer: () => sales.Customer,
  load: (customerId: string) => Promise<T[]>,
  onChanged: () => void,
) {
  const { errorText } = useText()
  const items = ref([]) as Ref<T[]>
  const loading = ref(false)
  const error = ref('')
  const writable = computed(() => customer().access !== 'read')

  async function reload() {
    loading.value = true
    error.value = ''
    try {
      items.value = await load(customer().id)
    } catch (err) {
      error.value = errorText(err)
    } finally {
      loading.value = false
    }
  }
  function changed() {
    void reload()
    onChanged()
  }

  watch(() => customer().id, reload)
  onMounted(reload)
  return { items, loading, error, writable, reload, changed }
}
