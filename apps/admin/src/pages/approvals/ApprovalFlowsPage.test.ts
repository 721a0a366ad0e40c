import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError as problem, resetAfterEach, settle } from '@mosaic/ui/test-utils'
import { ref, type App } from 'vue'
import type { admin } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { http, testI18n } from '../../test-support'
import ApprovalFlowsPage from './ApprovalFlowsPage.vue'

const ROLE = '1b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a01'
const BOSS = '2b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a02'
const flow = (
  docType: admin.ApprovalDocType,
  version: number,
  steps: admin.ApprovalStep[],
): admin.ApprovalFlow => ({
  id: `3b0c1c1e-8a44-4a1e-9d4e-0c6f5c2f1a0${version}`,
  docType,
  version,
  enabled: true,
  steps,
  updatedAt: '2026-12-01T08:00:00Z',
  updatedByName: '系统管理员',
})
const head: admin.ApprovalStep = {
  name: '部门负责人审批',
  approverKind: 'dept-head',
  approverId: null,
  approverName: null,
  mode: 'any',
  amountAbove: null,
}
const boss: admin.ApprovalStep = {
  name: '总经理审批',
  approverKind: 'user',
  approverId: BOSS,
  approverName: '王总',
  mode: 'all',
  amountAbove: '1000000',
}
const quote = flow('quote', 1, [
  {
    name: '经理审批',
    approverKind: 'role',
    approverId: ROLE,
    approverName: '旧名',
    mode: 'any',
    amountAbove: null,
  },
])
const contract = flow('contract', 2, [head, boss])
const roles = [
  {
    id: ROLE,
    code: 'approvers',
    name: '审批组',
    permissions: [],
    dataScope: 'self',
    builtIn: false,
    version: 1,
  },
]

resetAfterEach()
beforeEach(() => {
  http.get.mockImplementation(async (url: string) => {
    if (url.endsWith('/approval-flows')) return structuredClone([quote, contract])
    if (url.endsWith('/approval-flows/contract/versions'))
      return structuredClone([contract, flow('contract', 1, [head])])
    if (url.includes('/roles')) return { items: roles, nextCursor: null, total: 1, totalCapped: false }
    if (url.endsWith(`/users/${BOSS}`)) return { id: BOSS, username: 'boss', displayName: '王总' }
    return { items: [], nextCursor: null, total: 0, totalCapped: false }
  })
})

async function mountPage(permissions = ['admin.approval-flow.read', 'admin.approval-flow.update']) {
  const principal = {
    userId: BOSS,
    username: 'a',
    roles: [],
    permissions,
    dataScope: 'all',
  } as unknown as Principal
  const wrapper = mount(ApprovalFlowsPage, {
    global: { plugins: [testI18n(), { install: (app: App) => installPermissions(app, ref(principal)) }] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
const $ = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement | null
const click = async (testid: string) => {
  $(testid)!.click()
  await flushPromises()
}
async function type(testid: string, value: string) {
  const el = document.querySelector(
    `[data-testid="${testid}"] input, input[data-testid="${testid}"]`,
  ) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const stepNames = () =>
  [...document.querySelectorAll('[data-testid="flow-step"]')].map(
    (s) =>
      (s.querySelector('[data-testid$="-name"] input, input[data-testid$="-name"]') as HTMLInputElement)
        .value,
  )
const errorNear = (testid: string) =>
  $(testid)?.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim()

describe('ApprovalFlowsPage', () => {
  it('lists each document type with its status, version and steps in words (role names from the role list)', async () => {
    const wrapper = await mountPage()
    const text = wrapper.text()
    expect(text).toContain('报价单')
    expect(text).toContain('第 2 版')
    expect(text).toContain('审批组 · 任一人')
    expect(text).not.toContain('旧名')
    expect(text).toContain('部门负责人 · 任一人 → 王总 · 所有人 · 金额 > ¥1,000,000.00')
    expect(text).not.toContain(BOSS)
    // The on/off flag in the admin's words, as a green tag.
    const enabled = [...document.querySelectorAll('.mosaic-col--status .el-tag')]
    expect(enabled.map((tag) => tag.textContent?.trim())).toEqual(['启用', '启用'])
    expect(enabled.every((tag) => tag.classList.contains('el-tag--success'))).toBe(true)
  })

  it('edits the steps (move, remove, add) and saves a new version from the one it read', async () => {
    http.put.mockImplementation(async (_url: string, body: admin.ApprovalFlowUpdate) => ({
      ...contract,
      version: 3,
      enabled: body.enabled,
    }))
    await mountPage()
    await click('approval-flow-edit-contract')
    expect(stepNames()).toEqual(['部门负责人审批', '总经理审批'])
    await click('step-1-up')
    expect(stepNames()).toEqual(['总经理审批', '部门负责人审批'])
    await type('step-0-amount', '2000000.50')
    await click('step-add')
    await type('step-2-name', '财务复核')
    await click('step-1-remove')
    expect(stepNames()).toEqual(['总经理审批', '财务复核'])
    await click('drawer-submit')
    await settle()
    expect(http.put).toHaveBeenCalledWith('/api/admin/approval-flows/contract', {
      version: 2,
      enabled: true,
      steps: [
        {
          name: '总经理审批',
          approverKind: 'user',
          approverId: BOSS,
          mode: 'all',
          amountAbove: '2000000.50',
        },
        { name: '财务复核', approverKind: 'role', approverId: null, mode: 'any', amountAbove: null },
      ],
    })
  })

  it("shows the server's per-step errors next to the step they name", async () => {
    http.put.mockRejectedValue(
      problem({
        status: 400,
        detail: 'One or more fields are invalid.',
        errors: [{ field: 'steps.0.approverId', message: '请选择审批人' }],
      }),
    )
    await mountPage()
    await click('approval-flow-edit-quote')
    await click('drawer-submit')
    await settle()
    expect(errorNear('step-0-role')).toBe('请选择审批人')
  })

  it('lists the saved versions of a flow, newest first', async () => {
    await mountPage()
    await click('approval-flow-versions-contract')
    await settle()
    const rows = [...document.querySelectorAll('[data-testid="flow-versions"] .el-table__row')].map(
      (r) => r.textContent,
    )
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('第 2 版')
    expect(rows[0]).toContain('当前')
    expect(rows[1]).toContain('第 1 版')
    expect(rows[1]).toContain('部门负责人 · 任一人')
  })

  it('offers no editing without admin.approval-flow.update', async () => {
    await mountPage(['admin.approval-flow.read'])
    expect($('approval-flow-edit-quote')).toBeNull()
    expect($('approval-flow-versions-quote')).not.toBeNull()
  })
})
