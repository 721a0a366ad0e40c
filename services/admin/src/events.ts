import type { EventHandlers } from '@mosaic/service-kit'
import { storeNotifications } from './modules/notifications/notifications.service.js'

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
}
