import { ElMessage } from 'element-plus'
import { useText } from './useText'

/**
 * Runs an action that needs no input (enable, unlock, delete…): on success a toast saying
 * `done`, then `after` (the list's refresh); on failure the error in the reader's language.
 * Resolves to whether it went through.
 */
export function useRowAction(after: () => unknown = () => {}) {
  const { errorText } = useText()
  return async function act(call: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await call()
      ElMessage.success(done)
      await after()
      return true
    } catch (err) {
      ElMessage.error(errorText(err))
      return false
    }
  }
}
