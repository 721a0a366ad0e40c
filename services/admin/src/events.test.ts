import { describe, expect, it } from 'vitest'
import { EVENTS } from '@mosaic/schemas'
import { eventHandlers } from './events.js'

describe('admin event handlers', () => {
  it('take the approval submissions of every service that submits documents', () => {
    const submissions = Object.keys(EVENTS).filter((topic) => topic.endsWith('.approval.requested'))
    expect(submissions.length).toBeGreaterThanOrEqual(3)
    for (const topic of submissions) expect(eventHandlers, topic).toHaveProperty([topic])
  })
})
