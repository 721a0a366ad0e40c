import { inject, onMounted } from 'vue'
import { routeLocationKey } from 'vue-router'
import { ElMessage } from 'element-plus'
import { useText } from './useText'

/**
 * `?open=<id>` (a link from the approval center, a notification or another record) opens that
 * record once the page is mounted: `open(id)` fetches and shows it; a failure (gone, out of scope)
 * shows as a message. Pages without a router, or without the parameter, do nothing.
 */
export function useOpenFromQuery(open: (id: string) => unknown, param = 'open') {
  const route = inject(routeLocationKey, null)
  const { errorText } = useText()
  onMounted(async () => {
    const id = route?.query[param]
    if (typeof id !== 'string' || !id) return
    try {
      await open(id)
    } catch (err) {
      ElMessage.error(errorText(err))
    }
  })
}
