import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { EVENTS, isEventTopic, topicMatches, type EventTopic } from '@mosaic/schemas'
import { defineHandlers } from './inbox.js'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const CATALOG = Object.keys(EVENTS) as EventTopic[]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    if (statSync(path).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes('test-support') ? [path] : []
  })
}

/** The kit's and every service's source files (tests and test support left out). */
function serviceSources(): { file: string; text: string }[] {
  return [
    join(ROOT, 'packages/service-kit/src'),
    ...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'src')),
  ]
    .flatMap(sources)
    .map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }))
}

/** A `${…}` in a template topic stands for any one segment of a name. */
const templatePattern = (topic: string) =>
  new RegExp(`^${topic.replace(/\./g, '\\.').replace(/\$\{[^}]+\}/g, '[a-z-]+')}$`)

/** Topic → file of every `topic:` a source gives `publishEvent`, templates expanded over the catalog. */
function publishedTopics(): Map<string, string> {
  const found = new Map<string, string>()
  for (const { file, text } of serviceSources()) {
    for (const m of text.matchAll(/\btopic:\s*(['`])([^'`]+)\1/g)) {
      const written = m[2]!
      if (!written.includes('${')) found.set(written, file)
      else {
        const expanded = CATALOG.filter((t) => templatePattern(written).test(t))
        // A template that names no catalog topic is a topic of its own, and missing.
        for (const topic of expanded.length ? expanded : [written]) found.set(topic, file)
      }
    }
  }
  return found
}

/** Topic or pattern → file of every key of an inbox handler map (`defineHandlers` or `EventHandlers`). */
function subscribedTopics(): Map<string, string> {
  const found = new Map<string, string>()
  for (const { file, text } of serviceSources()) {
    for (const map of text.matchAll(/(?:defineHandlers\(|: EventHandlers = )\{([\s\S]*?)\n\}\)?/g)) {
      for (const key of map[1]!.matchAll(/^ {2}'([^']+)':/gm)) found.set(key[1]!, file)
    }
  }
  return found
}

describe('the event catalog covers what the services do', () => {
  it('every topic a service publishes is in the catalog, and every catalog topic is published', () => {
    const published = publishedTopics()
    // The scan sees the publications we know of, so it is looking in the right places.
    for (const known of ['admin.user.changed', 'sales.customer.claimed', 'sales.opportunity.transferred'])
      expect(published.has(known), known).toBe(true)
    const unknown = [...published].filter(([topic]) => !isEventTopic(topic))
    expect(unknown.map(([topic, file]) => `${topic} (${file})`)).toEqual([])
    expect(CATALOG.filter((topic) => !published.has(topic))).toEqual([])
  })

  it('every topic a service handles is in the catalog; every pattern matches one', () => {
    const subscribed = subscribedTopics()
    for (const known of ['admin.user.changed', 'admin.rule.changed', '*'])
      expect(subscribed.has(known), known).toBe(true)
    const unknown = [...subscribed].filter(([key]) =>
      key.includes('*') ? !CATALOG.some((t) => topicMatches(t, [key])) : !isEventTopic(key),
    )
    expect(unknown.map(([key, file]) => `${key} (${file})`)).toEqual([])
  })
})

describe('defineHandlers', () => {
  it('refuses a topic outside the catalog (a JavaScript caller, or a cast)', () => {
    expect(() => defineHandlers({ 'sales.lead.created': async () => undefined } as never)).toThrow(
      /No event "sales\.lead\.created"/,
    )
  })

  it('types each handler’s payload by its topic (compile time)', () => {
    // Only type-checked (`tsc`): never run, since the runtime refuses the unknown topic too.
    const typeChecks = () =>
      defineHandlers({
        'admin.dept.changed': async (dept) => {
          const name: string = dept.name
          // @ts-expect-error a department has no username
          void dept.username
          void name
        },
        // @ts-expect-error not a topic of the catalog
        'sales.lead.created': async () => undefined,
      })
    expect(typeChecks).toBeTypeOf('function')
  })
})
