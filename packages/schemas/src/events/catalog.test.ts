import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  EVENTS,
  EventEnvelope,
  EVENT_SUBSCRIPTIONS,
  isEventTopic,
  subscribersOf,
  type EventPayload,
  type EventPayloadInput,
  type EventTopic,
} from '../index.js'

const topics = Object.keys(EVENTS) as EventTopic[]
const SERVICES = Object.keys(EVENT_SUBSCRIPTIONS)

describe('event catalog', () => {
  test('every topic is named <service>.<resource>.<past-tense-verb> and fits the envelope', () => {
    for (const topic of topics) {
      const [service, resource, verb] = topic.split('.')
      expect(SERVICES, topic).toContain(service)
      expect(resource, topic).toMatch(/^[a-z][a-z-]*$/)
      // Past tense; `due` and `overdue` are the adjectives (a reminder says the moment came, not that someone acted).
      expect(verb, topic).toMatch(/^[a-z-]+ed$|^(over)?due$/)
      expect(EventEnvelope.shape.topic.safeParse(topic).success, topic).toBe(true)
    }
  })

  test('every topic reaches at least one other service', () => {
    for (const topic of topics) expect(subscribersOf(topic, topic.split('.')[0]!), topic).not.toEqual([])
  })

  test('isEventTopic knows the catalog and nothing else', () => {
    for (const topic of topics) expect(isEventTopic(topic)).toBe(true)
    for (const other of ['sales.lead.created', 'toString', '__proto__', 'constructor', ''])
      expect(isEventTopic(other), other).toBe(false)
  })

  test('a payload missing its fields is refused by every schema', () => {
    for (const topic of topics) expect(EVENTS[topic].safeParse({}).success, topic).toBe(false)
  })

  test('the same schema serves every transferred record type', () => {
    const payload = {
      entityType: 'lead',
      id: crypto.randomUUID(),
      title: 'ACME',
      fromOwnerId: null,
      fromOwnerName: null,
      toOwnerId: crypto.randomUUID(),
      toOwnerName: 'Wang',
      toDeptId: null,
      oldOwner: 'remove',
      reason: null,
      contactIds: [],
      opportunityIds: [],
      cascade: { quotes: false, contracts: false },
    }
    for (const type of ['customer', 'lead', 'opportunity'] as const)
      expect(EVENTS[`sales.${type}.transferred`].parse(payload)).toEqual(payload)
  })

  test('publishers may leave out defaulted fields; handlers receive them filled in', () => {
    expectTypeOf<EventPayloadInput<'admin.user.changed'>['deleted']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<EventPayload<'admin.user.changed'>['deleted']>().toEqualTypeOf<boolean>()
    const user = {
      id: crypto.randomUUID(),
      username: 'wang',
      displayName: 'Wang',
      deptId: null,
      enabled: true,
      version: 1,
    }
    expect(EVENTS['admin.user.changed'].parse(user)).toEqual({ ...user, deleted: false, authVersion: 0 })
  })
})
