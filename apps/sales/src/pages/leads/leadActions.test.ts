import { describe, expect, it, vi } from 'vitest'
import type { sales } from '@mosaic/schemas'
import { leadActions } from './leadActions'

const t = (k: string) => k
const visible = (l: Partial<sales.Lead>) =>
  leadActions({ number: 'X1', status: 'new', access: 'scope', ...l } as sales.Lead, t, {
    open: vi.fn(),
    remove: vi.fn(),
  })
    .filter((a) => a.visible !== false)
    .map((a) => a.key)

describe('leadActions', () => {
  it('offers the whole workflow on an open lead of my own', () => {
    expect(visible({})).toEqual([
      'edit',
      'followup',
      'convert',
      'advance',
      'invalidate',
      'transfer',
      'history',
      'delete',
    ])
  })

  it('lets a converted lead only be looked at and deleted', () => {
    expect(visible({ status: 'converted' })).toEqual(['history', 'delete'])
  })

  it('keeps an invalid lead editable and movable but not workable', () => {
    expect(visible({ status: 'invalid' })).toEqual(['edit', 'transfer', 'history', 'delete'])
  })

  it('gives a read-only team member nothing but the history, and a write member no transfer or delete', () => {
    expect(visible({ access: 'read' })).toEqual(['history'])
    expect(visible({ access: 'write' })).toEqual([
      'edit',
      'followup',
      'convert',
      'advance',
      'invalidate',
      'history',
    ])
  })
})
