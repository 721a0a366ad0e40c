import { reactive, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useUiText } from '../i18n'
import type { BulkResult, ListPageHandle } from '../types'

/**
 * A list page with checkboxes: the ListPage ref, the checked rows, and the refresh after an
 * action, which drops the checks because the rows they pointed at may have changed or gone.
 */
export function useSelectableList<T>() {
  const list = ref<ListPageHandle>()
  const selection = ref([]) as Ref<T[]>
  function refreshCleared() {
    list.value?.clearSelection()
    void list.value?.refresh()
  }
  return { list, selection, refreshCleared }
}

/**
 * The outcome of a bulk action: a toast when every record went through, otherwise the
 * per-record result dialog (bind `bulk` to BulkResultDialog).
 */
export function useBulkResult() {
  const { t } = useUiText()
  const bulk = reactive({ open: false, title: '', result: null as BulkResult | null })
  function showBulk(title: string, result: BulkResult) {
    if (!result.failed) {
      ElMessage.success(t('ui.bulk.summary', { ok: result.succeeded, failed: 0 }))
      return
    }
    Object.assign(bulk, { open: true, title, result })
  }
  return { bulk, showBulk }
}
