import { onMounted, ref, shallowRef } from 'vue'
import { useText } from './useText'

/**
 * A page that shows one answer (not a paged list): `load` fetches it on mount and again on
 * demand; a failure leaves the last answer and shows `error` in the reader's language.
 */
export function useLoad<T>(fetch: () => Promise<T>) {
  const { errorText } = useText()
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    error.value = ''
    try {
      data.value = await fetch()
    } catch (err) {
      error.value = errorText(err)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)
  return { data, loading, error, load }
}
