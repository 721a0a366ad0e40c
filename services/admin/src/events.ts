import type { EventHandlers } from '@mosaic/service-kit'
import { storeNotifications } from './modules/notifications/notifications.service.js'

/**
 * Events the admin service consumes. Any other service's event may carry `notify` entries;
 * admin owns the notification inbox, so it stores them whatever the topic.
 */
export const eventHandlers: EventHandlers = {
  '*': async (m, event) => {
    if (event.notify.length) await storeNotifications(m, event)
  },
}
