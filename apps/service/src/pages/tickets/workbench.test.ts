import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ElSelect, ElTable } from 'element-plus'
import { click } from '@mosaic/ui/test-utils'
import { ALL, http, mountService, pageOf, ticketFixture, usePageTests } from '../../test-support'

usePageTests()

const shown = (testId: string) => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  return !!el && el.style.display !== 'none'
}

describe('tickets: the bulk bar', () => {
  it('changes the priority of the checked tickets and shows the outcome by title', async () => {
    const ticket = ticketFixture()
    const answer = (path: string) => {
      if (path === '/api/tickets/tickets') return pageOf([ticket])
      return path.endsWith('/users') || path.includes('/lookups/') ? [] : pageOf([])
    }
    const { wrapper } = await mountService('/service/tickets', answer, {
      permissions: [...ALL, 'tickets.ticket.export'],
    })
    // Tickets have no export route: no export button even for holders of the code.
    expect(shown('list-export-button')).toBe(false)
    wrapper.findComponent(ElTable).vm.$emit('selection-change', [ticket])
    await flushPromises()
    expect(shown('bulk-delete')).toBe(true)

    http.post.mockResolvedValueOnce({
      results: [{ id: ticket.id, ok: false, title: ticket.title, code: 'no.such.code', error: 'Closed' }],
      succeeded: 0,
      failed: 1,
    })
    click('bulk-edit')
    await flushPromises()
    const fieldSelect = wrapper
      .findAllComponents(ElSelect)
      .find((s) => s.attributes('data-testid') === 'bulk-edit-field')!
    fieldSelect.vm.$emit('update:modelValue', 'priority')
    await flushPromises()
    const pickers = wrapper
      .findAllComponents({ name: 'DictSelect' })
      .filter((c) => c.props('type') === 'ticket_priority')
    pickers.at(-1)!.vm.$emit('update:modelValue', 'high')
    await flushPromises()
    click('bulk-edit-submit')
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith('/api/tickets/tickets/bulk-edit', {
      ids: [ticket.id],
      changes: { priority: 'high' },
    })
    const result = document.querySelector('[data-testid="bulk-result"]')!.textContent!
    expect(result).toContain(ticket.title)
    expect(result).toContain('Closed')
  })
})
