import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { resetAfterEach } from '@mosaic/ui/test-utils'
import { testI18n } from '../../test-support'
import { messages } from '../../messages'
import OpportunityStatus from './OpportunityStatus.vue'
import { opportunityActions } from './opportunityActions'
import { opportunity } from './test-fixtures'

resetAfterEach()

const en = (key: string) =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], messages.en) as string
const shown = (status: 'open' | 'closing' | 'won') =>
  Object.fromEntries(
    opportunityActions(opportunity({ status }), en, () => undefined)
      .filter((a) => a.visible !== false)
      .map((a) => [a.key, { disabled: !!a.disabled, tooltip: a.tooltip ?? null }]),
  )

describe('an opportunity awaiting closing approval', () => {
  it('is locked: no edit, close, reopen, follow-up or delete until the decision', () => {
    const waiting = shown('closing')
    expect(Object.keys(waiting).sort()).toEqual(['delete', 'detail', 'edit', 'history', 'transfer'])
    expect(waiting.edit).toEqual({
      disabled: true,
      tooltip: 'The closing waits for approval: no changes until it is decided',
    })
    expect(waiting.delete!.disabled).toBe(true)
    expect(Object.keys(shown('open'))).toContain('close')
    expect(Object.keys(shown('won'))).toContain('reopen')
  })

  it('shows its status as 审批中 / Awaiting approval', () => {
    const label = (locale: 'en' | 'zh-CN') =>
      mount(OpportunityStatus, {
        props: { opportunity: { status: 'closing', locked: false } },
        global: { plugins: [testI18n(locale)] },
      }).text()
    expect(label('en')).toBe('Awaiting approval')
    expect(label('zh-CN')).toBe('审批中')
  })
})
