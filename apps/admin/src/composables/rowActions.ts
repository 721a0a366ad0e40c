import type { RowAction } from '@mosaic/ui'
import { useText } from './useText'

type Extra = Partial<Pick<RowAction, 'visible' | 'type' | 'label'>>

/**
 * The row actions admin lists share, named `admin.common.<verb>` and test-id'd
 * `<kind>-<verb>-<row>` (e.g. `role-edit-sales_rep`, what the e2e tests click).
 */
export function useRowActions() {
  const { t } = useText()
  return (kind: string, row: string) => {
    const action =
      (verb: string, key = verb, defaults: Extra = {}) =>
      (onClick: () => void, permission?: string, extra: Extra = {}): RowAction => ({
        key,
        label: t(`admin.common.${verb}`),
        testId: `${kind}-${verb}-${row}`,
        onClick,
        ...(permission ? { permission } : {}),
        ...defaults,
        ...extra,
      })
    return {
      detail: action('detail'),
      history: action('history'),
      edit: action('edit'),
      remove: action('delete', 'delete', { type: 'danger' }),
      /** Any other verb: its label and type come in `extra`. */
      other: (verb: string, onClick: () => void, permission: string | undefined, extra: Extra) =>
        action(verb)(onClick, permission, extra),
    }
  }
}
