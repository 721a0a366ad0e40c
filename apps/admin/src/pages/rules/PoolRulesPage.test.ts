import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError as problem, resetAfterEach, settle } from '@mosaic/ui/test-utils'
import { ref, type App } from 'vue'
import { admin } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries, DictSelect } from '@mosaic/dictionary/vue'
import type { DictType } from '@mosaic/dictionary'
import { http, testI18n } from '../../test-support'
import PoolRulesPage from './PoolRulesPage.vue'
import UserSelect from '../../components/UserSelect.vue'
import { poolRuleFormOf, poolRulePayload } from './poolRuleForm'

const USER = '0c0e7f5e-1d2b-4c3a-9e8f-7a6b5c4d3e2f'
const rule: admin.PoolRule = {
  id: '5b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a01',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...structuredClone(admin.DEFAULT_POOL_RULE),
}
const levels = {
  code: 'customer_level',
  entries: ['A', 'B', 'C'].map((value) => ({ value, label: { zh: value, en: value }, enabled: true })),
} as unknown as DictType

resetAfterEach()
beforeEach(() => {
  configureDictionaries({ load: async () => [levels], locale: ref('zh-CN') })
  http.get.mockImplementation(async (url: string) => {
    if (url.endsWith('/rules/pool')) return structuredClone(rule)
    if (url.endsWith('/depts/tree')) return []
    return { items: [], nextCursor: null, total: 0, totalCapped: false }
  })
})

async function mountPage(permissions = ['admin.rule.read', 'admin.rule.update']) {
  const principal = {
    userId: USER,
    username: 'a',
    roles: [],
    permissions,
    dataScope: 'all',
  } as unknown as Principal
  const wrapper = mount(PoolRulesPage, {
    global: { plugins: [testI18n(), { install: (app: App) => installPermissions(app, ref(principal)) }] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
const input = (testid: string) =>
  document.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('change'))
  await flushPromises()
}
const click = async (testid: string) => {
  ;(document.querySelector(`[data-testid="${testid}"]`) as HTMLElement).click()
  await flushPromises()
}
const errorNear = (testid: string) =>
  document
    .querySelector(`[data-testid="${testid}"]`)
    ?.closest('.el-form-item')
    ?.querySelector('.el-form-item__error')
    ?.textContent?.trim()

describe('pool rule form payload', () => {
  it('round-trips the stored rule, turning cleared numbers into null and dropping unfilled rows', () => {
    const f = poolRuleFormOf(rule)
    expect(poolRulePayload(f)).toEqual(admin.DEFAULT_POOL_RULE)
    f.claimsPerDay = undefined
    f.levels.push({ level: '', noFollowupDays: 5, noDealDays: null })
    f.userLimits.push({ userId: null, owned: 1, locked: 1 })
    f.deptLimits.push({ deptId: USER, owned: undefined, locked: 2 })
    expect(poolRulePayload(f)).toMatchObject({
      claimsPerDay: null,
      levelOverrides: { A: { noFollowupDays: 60, noDealDays: 180 } },
      userLimits: [],
      deptLimits: [{ deptId: USER, owned: null, locked: 2 }],
    })
  })
})

describe('PoolRulesPage', () => {
  it('loads the rule, edits limits, levels and per-user rows, and saves the whole rule with If-Match', async () => {
    http.patch.mockImplementation(async (_url, body) => ({ ...rule, ...body, version: 4 }))
    const wrapper = await mountPage()
    expect(input('field-noFollowupDays').value).toBe('30')
    expect(document.querySelectorAll('[data-testid="pool-level-row"]')).toHaveLength(1)

    await type('field-noFollowupDays', '45')
    await type('field-claimsPerDay', '')
    await click('levels-add')
    wrapper.findAllComponents(DictSelect)[1]!.vm.$emit('update:modelValue', 'B')
    await flushPromises()
    await type('levels-1-noDealDays', '120')
    await click('userLimits-add')
    wrapper.findAllComponents(UserSelect)[0]!.vm.$emit('update:modelValue', USER)
    await flushPromises()
    await type('userLimits-0-owned', '5')
    await type('userLimits-0-locked', '2')
    await click('deptLimits-add') // left empty: not sent
    await click('pool-save')

    expect(http.patch).toHaveBeenCalledWith(
      `/api/admin/rules/pool/${rule.id}`,
      {
        ...admin.DEFAULT_POOL_RULE,
        noFollowupDays: 45,
        claimsPerDay: null,
        levelOverrides: {
          A: { noFollowupDays: 60, noDealDays: 180 },
          B: { noFollowupDays: null, noDealDays: 120 },
        },
        userLimits: [{ userId: USER, owned: 5, locked: 2 }],
        deptLimits: [],
      },
      { ifMatch: 3 },
    )
  })

  it('shows the server field errors next to the fields and rows they name', async () => {
    http.patch.mockRejectedValue(
      problem({
        status: 400,
        detail: 'One or more fields are invalid.',
        errors: [
          { field: 'warnDaysAhead', message: 'Must be less than the shortest recycling limit (3 days)' },
          { field: 'levelOverrides.A.noDealDays', message: 'At most 3650' },
          { field: 'lockedLimit', message: 'Cannot exceed the owned-customer limit' },
        ],
      }),
    )
    await mountPage()
    await click('pool-save')
    await settle()
    expect(errorNear('field-warnDaysAhead')).toBe('Must be less than the shortest recycling limit (3 days)')
    expect(errorNear('levels-0-noDealDays')).toBe('At most 3650')
    expect(errorNear('field-lockedLimit')).toBe('Cannot exceed the owned-customer limit')
    expect(document.querySelector('[data-testid="pool-error"]')).toBeNull()
  })

  it('a stale version shows the conflict with a reload that fetches the current rule', async () => {
    http.patch.mockRejectedValue(problem({ status: 412, detail: 'changed' }))
    await mountPage()
    await click('pool-save')
    expect(document.querySelector('[data-testid="pool-conflict"]')).not.toBeNull()
    http.get.mockClear()
    await click('pool-reload')
    expect(http.get).toHaveBeenCalledWith('/api/admin/rules/pool')
    expect(document.querySelector('[data-testid="pool-conflict"]')).toBeNull()
  })

  it('is read-only without admin.rule.update', async () => {
    await mountPage(['admin.rule.read'])
    expect((document.querySelector('[data-testid="pool-save"]') as HTMLElement).style.display).toBe('none')
    expect(input('field-noFollowupDays').disabled).toBe(true)
    expect(document.querySelector('[data-testid="levels-add"]')).toBeNull()
  })
})
