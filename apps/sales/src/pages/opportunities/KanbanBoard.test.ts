import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError as problem, resetAfterEach } from '@mosaic/ui/test-utils'
import type { sales } from '@mosaic/schemas'
import { http, testI18n, useDefaultDictionaries, withPermissions } from '../../test-support'
import KanbanBoard from './KanbanBoard.vue'

resetAfterEach()
beforeEach(() => useDefaultDictionaries())

const ID = '0f0f0f0f-0000-4000-8000-000000000001'
const pipeline: sales.Pipeline = {
  total: 1,
  stages: [
    {
      stage: 'initial',
      count: 1,
      amount: '5000.00',
      weightedAmount: '500.00',
      items: [
        {
          id: ID,
          name: 'ERP rollout',
          customerName: 'Acme',
          ownerName: 'Ann',
          expectedAmount: '5000.00',
          probability: 10,
          expectedCloseDate: null,
          version: 3,
        },
      ],
    },
    { stage: 'won', count: 2, amount: '9000.00', weightedAmount: '9000.00', items: [] },
  ],
}

async function board() {
  const w = mount(KanbanBoard, {
    props: { pipeline },
    global: { plugins: [testI18n('en'), withPermissions('sales.opportunity.update')] },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
async function drag(w: Awaited<ReturnType<typeof board>>, to: string) {
  await w.get(`[data-testid="kanban-card-${ID}"]`).trigger('dragstart')
  await w.get(`[data-testid="kanban-col-${to}"]`).trigger('drop')
  await flushPromises()
}

describe('KanbanBoard', () => {
  it('shows a column per open stage with its totals', async () => {
    const w = await board()
    const cols = w.findAll('[data-testid^="kanban-col-"]').map((c) => c.attributes('data-testid'))
    expect(cols).toEqual([
      'kanban-col-initial',
      'kanban-col-needs',
      'kanban-col-proposal',
      'kanban-col-negotiation',
    ])
    expect(w.get('[data-testid="kanban-col-initial"]').text()).toContain('¥5,000.00')
    expect(w.get(`[data-testid="kanban-card-${ID}"]`).attributes('draggable')).toBe('true')
  })

  it("moves a card with If-Match of the card's version and the new stage's probability", async () => {
    http.patch.mockResolvedValue({})
    const w = await board()
    await drag(w, 'proposal')
    expect(http.patch).toHaveBeenCalledWith(
      `/api/sales/opportunities/${ID}`,
      { stage: 'proposal', probability: 60 },
      { ifMatch: 3 },
    )
    expect(w.emitted('moved')?.[0]).toEqual([ID, 'proposal'])
  })

  it('reloads instead of overwriting when the card changed meanwhile (412)', async () => {
    http.patch.mockRejectedValue(problem({ status: 412, detail: 'Stale' }))
    const w = await board()
    await drag(w, 'needs')
    expect(w.emitted('reload')).toHaveLength(1)
    expect(w.emitted('moved')).toBeUndefined()
  })

  it('does nothing when a card is dropped on its own column', async () => {
    const w = await board()
    await drag(w, 'initial')
    expect(http.patch).not.toHaveBeenCalled()
  })
})
