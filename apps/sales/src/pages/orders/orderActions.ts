import { orders } from '@mosaic/schemas'
import type { RowAction } from '@mosaic/ui'

export type OrderAction = 'detail' | 'confirm' | 'ship' | 'cancel' | 'close' | 'reopen' | 'delete'

const SHIPPABLE: readonly string[] = orders.SHIPPABLE_ORDER_STATUSES
const CANCELLABLE: readonly string[] = orders.ORDER_CANCELLABLE_STATUSES
const DELETABLE: readonly string[] = orders.ORDER_DELETABLE_STATUSES

/**
 * A sales order's actions by its status (SPEC 2.4): confirm a pending one, ship a confirmed or
 * partially shipped one, cancel before anything ships, close (结单) a shipped one, reopen a closed
 * one, delete a pending or cancelled one. Each behind its permission; the service decides again.
 */
export function orderActions(
  o: orders.SalesOrder,
  t: (key: string) => string,
  run: (action: OrderAction, o: orders.SalesOrder) => void,
  { detail = true }: { detail?: boolean } = {},
): RowAction[] {
  const action = (
    key: OrderAction,
    permission: string | undefined,
    visible: boolean,
    extra: Partial<RowAction> = {},
  ): RowAction => ({
    key,
    label: t(`sales.order.actions.${key}`),
    permission,
    visible,
    testId: `order-${key}-${o.number}`,
    onClick: () => run(key, o),
    ...extra,
  })
  return [
    action('detail', undefined, detail),
    action('confirm', 'orders.order.update', o.status === 'pending', { type: 'primary' }),
    action('ship', 'orders.shipment.create', SHIPPABLE.includes(o.status), { type: 'primary' }),
    action('close', 'orders.order.close', o.status === 'shipped', { type: 'success' }),
    action('reopen', 'orders.order.reopen', o.status === 'completed', { type: 'warning' }),
    action('cancel', 'orders.order.cancel', CANCELLABLE.includes(o.status), {
      type: 'danger',
    }),
    action('delete', 'orders.order.delete', DELETABLE.includes(o.status), {
      type: 'danger',
    }),
  ]
}

/** A status as a tag type. */
export const ORDER_STATUS_TAGS = {
  pending: 'info',
  confirmed: 'primary',
  partially_shipped: 'warning',
  shipped: 'success',
  closing: 'warning',
  completed: 'success',
  cancelled: 'danger',
} as const

export const SHIPMENT_STATUS_TAGS = {
  in_transit: 'warning',
  delivered: 'success',
  cancelled: 'info',
} as const

/** A quantity as people read it: "2.5000" → "2.5". */
export const qty = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v)

/**
 * What the screen knows does not hold yet for closing (结单) an order, in words: not fully
 * shipped. "Fully paid" is the service's to check (finance's figures); its answer lists the rest.
 */
export const orderCloseUnmet = (
  o: orders.SalesOrder,
  t: (key: string, params: Record<string, unknown>) => string,
): string[] =>
  o.status === 'shipped' ? [] : [t('sales.order.notFullyShipped', { percent: o.shippedPercent })]
