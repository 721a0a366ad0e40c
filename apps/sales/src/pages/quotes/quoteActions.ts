import { ElMessageBox } from 'element-plus'
import type { orders } from '@mosaic/schemas'
import { confirmDelete, useRowAction, useText, type RowAction } from '@mosaic/ui'
import { ordersApi } from '../../ordersApi'

export type QuoteAction = 'detail' | 'edit' | 'submit' | 'send' | 'accept' | 'print' | 'delete'

/** Where a quote may be edited and submitted from (SPEC 2.2): a draft, or a rejected quote. */
export const quoteEditable = (q: Pick<orders.Quote, 'status'>) =>
  q.status === 'draft' || q.status === 'rejected'

/**
 * A quote's actions by status and permission: edit and submit a draft or rejected quote, send an
 * approved one, mark a sent one accepted, print any, delete a draft. The list rows and the detail
 * drawer show the same ones.
 */
export function quoteActions(
  q: orders.Quote,
  t: (key: string) => string,
  run: (action: QuoteAction, q: orders.Quote) => void,
  o: { detail?: boolean } = {},
): RowAction[] {
  const action = (
    key: QuoteAction,
    label: string,
    permission: string | undefined,
    visible: boolean,
    extra: Partial<RowAction> = {},
  ): RowAction => ({
    key,
    label,
    permission,
    visible,
    testId: `quote-${key}-${q.number}`,
    onClick: () => run(key, q),
    ...extra,
  })
  const editable = quoteEditable(q)
  return [
    action('detail', t('common.detail'), undefined, !!o.detail),
    action('edit', t('common.edit'), 'orders.quote.update', editable),
    action('submit', t('sales.quote.submit'), 'orders.quote.submit', editable, { type: 'success' }),
    action('send', t('sales.quote.send'), 'orders.quote.update', q.status === 'approved', {
      type: 'success',
    }),
    action('accept', t('sales.quote.accept'), 'orders.quote.update', q.status === 'sent', {
      type: 'success',
    }),
    action('print', t('sales.quote.print'), undefined, true),
    action('delete', t('common.delete'), 'orders.quote.delete', q.status === 'draft', { type: 'danger' }),
  ]
}

/**
 * The actions that change a quote on the server, each confirmed first; `after` gets the quote as
 * it is now (null once deleted).
 */
export function useQuoteCommands(after: (q: orders.Quote | null) => unknown) {
  const { t } = useText()
  let result: orders.Quote | null = null
  const run = useRowAction(() => after(result))
  const confirmed = async (message: string, title: string) => {
    try {
      await ElMessageBox.confirm(message, title, {
        type: 'warning',
        confirmButtonText: title,
        cancelButtonText: t('common.cancel'),
      })
      return true
    } catch {
      return false
    }
  }
  const step = async (
    q: orders.Quote,
    label: string,
    confirmKey: string,
    call: (q: orders.Quote) => Promise<orders.Quote>,
    done: string,
  ) => {
    if (!(await confirmed(t(confirmKey, { number: q.number }), label))) return false
    return run(async () => {
      result = await call(q)
    }, done)
  }
  return {
    submit: (q: orders.Quote) =>
      step(
        q,
        t('sales.quote.submit'),
        'sales.quote.submitConfirm',
        ordersApi.submitQuote,
        t('sales.quote.submitted'),
      ),
    send: (q: orders.Quote) =>
      step(
        q,
        t('sales.quote.send'),
        'sales.quote.sendConfirm',
        ordersApi.sendQuote,
        t('sales.quote.sentDone'),
      ),
    accept: (q: orders.Quote) =>
      step(
        q,
        t('sales.quote.accept'),
        'sales.quote.acceptConfirm',
        ordersApi.acceptQuote,
        t('sales.quote.acceptedDone'),
      ),
    async remove(q: orders.Quote) {
      if (!(await confirmDelete(`${q.number} ${q.customerName}`))) return false
      return run(async () => {
        await ordersApi.deleteQuote(q)
        result = null
      }, t('common.deleted'))
    },
  }
}
