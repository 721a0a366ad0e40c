import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { sales } from '@mosaic/schemas'
import { testI18n, useDefaultDictionaries } from '../../test-support'

// The chart itself (ECharts, canvas) is replaced: what matters is what it is given to draw.
vi.mock('./FunnelChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { steps: { type: Array, required: true } },
    setup: (props) => () =>
      h(
        'ol',
        { 'data-testid': 'funnel-chart' },
        (props.steps as Array<{ label: string; count: number }>).map((s) => h('li', `${s.label}:${s.count}`)),
      ),
  }),
}))
const { default: PipelineFunnel } = await import('./PipelineFunnel.vue')

enableAutoUnmount(afterEach)
beforeEach(() => useDefaultDictionaries())

const stage = (key: string, count: number) => ({
  stage: key,
  count,
  amount: '0.00',
  weightedAmount: '0.00',
  items: [],
})
const pipeline = { total: 3, stages: [stage('initial', 2), stage('invalid', 1)] } as unknown as sales.Pipeline

describe('PipelineFunnel', () => {
  for (const [locale, invalid] of [
    ['zh-CN', '无效'],
    ['en', 'Invalid'],
  ] as const) {
    it(`labels every step in ${locale}, statuses included, never with the raw key`, async () => {
      const wrapper = mount(PipelineFunnel, { props: { pipeline }, global: { plugins: [testI18n(locale)] } })
      await flushPromises()
      await new Promise((r) => setTimeout(r, 50))
      await flushPromises()
      const rows = wrapper.find('[data-testid="funnel-invalid"]').text()
      expect(rows).toContain(invalid)
      const chart = wrapper.find('[data-testid="funnel-chart"]').text()
      expect(chart).toContain(`${invalid}:1`)
      expect(chart).not.toContain('invalid:')
      expect(wrapper.find('[data-testid="funnel-initial"]').text()).not.toContain('initial')
    })
  }
})
