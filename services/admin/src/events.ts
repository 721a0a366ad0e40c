import { defineHandlers, type EventHandlers } from '@mosaic/service-kit'
import { storeNotifications } from './modules/notifications/notifications.service.js'
import { receiveApprovalRequest } from './modules/approvals/engine.js'

/**
 * Events the admin service consumes. Any other service's event may carry `notify` entries;
 * admin owns the notification inbox, so it stores them whatever the topic. The entries travel on
 * the envelope, not in the payload, so this is the one handler that takes the envelope as it comes
 * (`EventHandlers`) rather than a catalog payload (`defineHandlers`): a notification is stored even
 * for a topic this build's catalog does not know yet.
 */
export const eventHandlers: EventHandlers = {
  '*': async (m, event) => {
    if (event.notify.length) await storeNotifications(m, event)
  },
  // A submission for approval (decision 61): one instance per requestId.
  ...defineHandlers({
    'orders.approval.requested': (payload, { m }) => receiveApprovalRequest(m, payload),
    'sales.approval.requested': (payload, { m }) => receiveApprovalRequest(m, payload),
    'finance.approval.requested': (payload, { m }) => receiveApprovalRequest(m, payload),
  }),
}
