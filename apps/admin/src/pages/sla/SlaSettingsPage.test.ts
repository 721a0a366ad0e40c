import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ref } from 'vue'
import type { tickets } from '@mosaic/schemas'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { defaultDictTypes } from '@mosaic/dictionary'
import {
  mountRemoteRoute,
  problemError,
  resetAfterEach,
  settle,
  withPermissions,
} from '@mosaic/ui/test-utils'
import { http, testI18n } from '../../test-support'
import adminModule from '../../routes'

const settings: tickets.SlaSettings = {
  timeZone: 'Asia/Shanghai',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '18:00',
  holidays: ['2026-10-01'],
  workingDates: [],
  reopenWindowDays: 7,
  feedbackRequired: false,
  version: 4,
  updatedAt: null,
}
const targets: tickets.SlaTarget[] = [
  { priority: 'high', responseHours: 4, resolveHours: 24 },
  { priority: 'low', responseHours: null, resolveHours: 120 },
]

resetAfterEach()
beforeEach(() => {
  configureDictionaries({ load: async () => structuredClone(defaultDictTypes()), locale: ref('zh-CN') })
  http.get.mockImplementation(async (url: string) => {
    if (url === '/api/tickets/sla/settings') return structuredClone(settings)
    if (url === '/api/tickets/sla/targets') return targets
    throw new Error(`unexpected GET ${url}`)
  })
})

const mountPage = async (permissions = ['tickets.sla.read', 'tickets.sla.update']) =>
  mountRemoteRoute(adminModule, '/admin/sla', [testI18n('en'), withPermissions(...permissions)])
const text = () => document.body.textContent ?? ''
const input = (testid: string) =>
  document.querySelector<HTMLInputElement>(`[data-testid="${testid}"] input, input[data-testid="${testid}"]`)!
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
async function press(testid: string) {
  document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!.click()
  await flushPromises()
}

describe('SLA settings page', () => {
  it('shows the settings, the time zone read-only and the targets by priority name', async () => {
    const { warnings } = await mountPage()
    expect(document.querySelector('[data-testid="sla-timeZone"]')!.textContent).toBe('Asia/Shanghai')
    expect(input('field-dayStart').value).toBe('09:00')
    expect(document.querySelector('[data-testid="sla-holidays-2026-10-01"]')).not.toBeNull()
    const table = document.querySelector('[data-testid="sla-targets"]')!.textContent
    expect(table).toContain('高')
    expect(table).toContain('24')
    expect(table).toContain('None')
    expect(text()).toContain('Ticket priority')
    expect(warnings).toEqual([])
  })

  it('saves the edited calendar with If-Match on the settings version', async () => {
    await mountPage()
    await press('workday-6')
    await type('field-dayEnd', '17:30')
    document.querySelector<HTMLElement>('[data-testid="sla-holidays-2026-10-01"] .el-tag__close')!.click()
    await flushPromises()
    http.put.mockResolvedValueOnce({ ...settings, version: 5 })
    await press('sla-save')
    expect(http.put).toHaveBeenCalledWith(
      '/api/tickets/sla/settings',
      {
        workdays: [1, 2, 3, 4, 5, 6],
        dayStart: '09:00',
        dayEnd: '17:30',
        holidays: [],
        workingDates: [],
        reopenWindowDays: 7,
        feedbackRequired: false,
      },
      { ifMatch: 4 },
    )
  })

  it('refuses a day that ends before it starts, or no working day, next to the field', async () => {
    await mountPage()
    await type('field-dayEnd', '08:00')
    await press('sla-save')
    await settle()
    expect(http.put).not.toHaveBeenCalled()
    expect(text()).toContain('The working day must end after it starts')
    await type('field-dayEnd', '9am')
    await press('sla-save')
    await settle()
    expect(text()).toContain('Enter a time as HH:MM')
  })

  it('shows the service’s field errors per field, and a 412 as a reload conflict', async () => {
    await mountPage()
    http.put.mockRejectedValueOnce(
      problemError({
        status: 422,
        errors: [{ field: 'holidays.0', message: 'Invalid date' }],
      }),
    )
    await press('sla-save')
    await settle()
    expect(document.querySelector('.el-form-item.is-error')!.textContent).toContain('Invalid date')

    http.put.mockRejectedValueOnce(problemError({ status: 412 }))
    await press('sla-save')
    expect(document.querySelector('[data-testid="sla-conflict"]')).not.toBeNull()
  })

  it('is read-only without tickets.sla.update', async () => {
    await mountPage(['tickets.sla.read'])
    expect(document.querySelector<HTMLElement>('[data-testid="sla-save"]')!.style.display).toBe('none')
    expect(input('field-dayStart').disabled).toBe(true)
  })
})
