import { describe, expect, it } from 'vitest'
import { describeRemoteModule, messageKeys } from '@mosaic/ui/test-utils'
import serviceModule from './routes'
import { messages } from './messages'

describeRemoteModule(serviceModule, {
  title: { zh: '服务', en: 'Service' },
  icon: 'Service',
  // The portal's screens translate their own keys (checked in portal/); record types name option subtrees.
  keys: { sources: __dirname, exclude: ['portal'], read: 'quoted', atLeast: 60 },
  records: { service: 'tickets', types: ['ticket', 'portal_account'] },
  dashboard: {
    sources: [{ service: 'tickets', anyOf: ['tickets.ticket.read'] }],
    keys: ['tickets.breaching', 'tickets.newTickets'],
  },
})

describe('service remote module', () => {
  it('guards each staff page with the permission of what it lists', () => {
    expect(Object.fromEntries(serviceModule.routes.map((r) => [r.path, r.meta?.permission]))).toEqual({
      tickets: 'tickets.ticket.read',
      'portal-accounts': 'tickets.portal-account.read',
      'recycle-bin': ['tickets.ticket.restore', 'admin.recycle.read'],
    })
  })

  it('has a label for every ticket status, channel and log action the contract knows', async () => {
    const { tickets } = await import('@mosaic/schemas')
    const zh = messageKeys(messages['zh-CN'] as Parameters<typeof messageKeys>[0])
    for (const s of tickets.TICKET_STATUSES) expect(zh).toContain(`service.ticket.statuses.${s}`)
    for (const c of tickets.TICKET_CHANNELS) expect(zh).toContain(`service.ticket.channels.${c}`)
    for (const a of tickets.TICKET_LOG_ACTIONS) expect(zh).toContain(`service.ticket.logActions.${a}`)
  })
})
