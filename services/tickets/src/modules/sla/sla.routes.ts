import { z } from 'zod'
import { tickets } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database, type DomainDeps } from '@mosaic/service-kit'
import { readSlaSettings, slaTargets, updateSlaSettings } from './sla.settings.js'

/** `/sla/settings` (business hours, holidays, closure rules) and `/sla/targets` (from the priorities). */
export function registerSlaRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  registerAggregate(api, {
    resource: 'tickets.sla',
    path: '/sla',
    db,
    views: {
      settings: {
        summary: 'The service desk calendar, reopen window and closure rules',
        response: tickets.SlaSettings,
        run: (m) => readSlaSettings(m, deps.timeZone),
      },
      targets: {
        summary: 'Response and resolution targets per priority (business hours)',
        response: z.array(tickets.SlaTarget),
        run: () => slaTargets(deps.dicts),
      },
    },
    commands: {
      settings: {
        method: 'put',
        summary: 'Change the calendar and closure rules (If-Match); due times already set stay',
        access: 'update',
        ifMatch: true,
        body: tickets.SlaSettingsUpdate,
        response: tickets.SlaSettings,
        run: (m, ctx, { body, version }) => updateSlaSettings(m, ctx, deps.timeZone, version, body),
      },
    },
  })
}
