import type { DashboardTrend } from '@mosaic/schemas'
import type { TeamRow } from './useDashboard'

/**
 * ECharts options of the home page's charts, built here (plain data, testable without a canvas);
 * DashboardChart.vue only draws them. Values stay decimal text until the chart: a chart's axis is
 * a picture, the exact figures are on the cards and in the team table.
 */
export type ChartOption = Record<string, unknown>

export function trendOption(trend: DashboardTrend, label: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    title: { text: label, textStyle: { fontSize: 13, fontWeight: 500 }, left: 0 },
    xAxis: { type: 'category', data: trend.points.map((p) => p.month) },
    yAxis: { type: 'value' },
    series: [{ type: 'line', name: label, smooth: true, data: trend.points.map((p) => Number(p.value)) }],
  }
}

export interface FunnelStep {
  label: string
  count: number
  amount: string
}

export function funnelOption(steps: FunnelStep[], amountText: (s: FunnelStep) => string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        gap: 2,
        minSize: '8%',
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        tooltip: { formatter: (p: { dataIndex: number }) => tooltipOf(steps[p.dataIndex]!, amountText) },
        data: steps.map((s) => ({ name: s.label, value: s.count })),
      },
    ],
  }
}

function tooltipOf(step: FunnelStep, amountText: (s: FunnelStep) => string) {
  return `${step.label}: ${step.count} · ${amountText(step)}`
}

export function teamBarOption(rows: TeamRow[], key: string, label: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: label, data: rows.map((r) => Number(r.figures[key] ?? '0')) }],
  }
}
