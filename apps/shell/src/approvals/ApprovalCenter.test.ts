import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { ElSelect } from 'element-plus'
import type { admin } from '@mosaic/schemas'
import { setLocale } from '@mosaic/web-kit'
import { mountInShell, page } from '../test/harness'
import { fakeApprovals, instance, task } from '../test/approvals'
import ApprovalCenterView from './ApprovalCenterView.vue'
import ApprovalBadge from './ApprovalBadge.vue'

enableAutoUnmount(afterEach)

const BASE = '/api/admin/approvals'

/** Two quotes waiting for me (u1), one contract I approved, and my own pending contract. */
function world() {
  const q1 = instance('i1')
  const q2 = instance('i2', { docNumber: 'BJ202603010099', docTitle: '西北能源报价', amount: null })
  const c1 = instance('i3', {
    docType: 'contract',
    docNumber: 'HT202602280001',
    docTitle: '年度框架合同',
    amount: '880000',
    status: 'approved',
    currentStep: null,
    decidedAt: '2026-02-28T09:00:00Z',
  })
  const mine = instance('i4', {
    docType: 'contract-change',
    docNumber: 'HB202603020001',
    docTitle: '框架合同变更',
    submitterId: 'u1',
    submitterName: '王芳',
    steps: [
      {
        name: '法务审核',
        mode: 'all',
        status: 'pending',
        approvers: [
          { userId: 'l1', name: '孙律师', status: 'approved' },
          { userId: 'l2', name: '周律师', status: 'pending' },
        ],
      },
    ],
  })
  const tasks: admin.ApprovalTask[] = [
    task('t1', q1),
    task('t2', q2),
    task('t3', c1, {
      status: 'approved',
      comment: '同意',
      decidedAt: '2026-02-28T09:00:00Z',
      instanceStatus: 'approved',
    }),
  ]
  return fakeApprovals(tasks, [q1, q2, c1, mine])
}

async function mountCenter(path = '/approvals') {
  // The header's badge and the page, as the layout shows them.
  const Host = defineComponent({ render: () => h('div', [h(ApprovalBadge), h(RouterView)]) })
  const { wrapper, router } = await mountInShell(
    Host,
    [
      { path: '/', component: page('home') },
      { path: '/approvals', name: 'approvals', component: ApprovalCenterView },
      { path: '/sales/quotes', component: page('quotes page') },
    ],
    { path },
  )
  await settled()
  return { wrapper, router }
}

async function settled(ms = 30) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const rows = () => [
  ...document.querySelectorAll<HTMLElement>('[data-testid="list-table"] .el-table__body tr'),
]
const badge = () => $('approval-badge-count')?.querySelector('sup')?.textContent?.trim() ?? null
const drawer = () => document.querySelector<HTMLElement>('.el-drawer')
const messages = () => [...document.querySelectorAll('.el-message')].map((m) => m.textContent?.trim())

async function click(testid: string) {
  const el = $(testid)
  if (!el) throw new Error(`no element ${testid}`)
  el.click()
  await settled()
}

function type(testid: string, value: string) {
  const el = document.querySelector<HTMLInputElement>(
    `[data-testid="${testid}"] input, textarea[data-testid="${testid}"], input[data-testid="${testid}"]`,
  )
  if (!el) throw new Error(`no input ${testid}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

async function answerBox(confirm: boolean) {
  await settled()
  const box = [...document.querySelectorAll('.mosaic-confirm-withdraw')].at(-1)
  const button = box?.querySelector<HTMLElement>(
    confirm
      ? '.el-message-box__btns .el-button--primary'
      : '.el-message-box__btns .el-button:not(.el-button--primary)',
  )
  if (!button) throw new Error('no withdraw confirmation')
  button.click()
  await settled(60)
}

beforeEach(() => {
  setLocale('zh-CN')
  localStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh-CN')
  document.body.innerHTML = ''
})

describe('approval centre lists', () => {
  it('shows my tasks to do with names, labels and money; each tab asks its own box', async () => {
    const api = world()
    await mountCenter()
    expect(api.to(`${BASE}/tasks`)[0]).toEqual({
      method: 'GET',
      query: { box: 'todo', limit: '20' },
      body: undefined,
    })
    expect(rows()).toHaveLength(2)
    const first = rows()[0]!.textContent!
    expect(first).toContain('报价单')
    expect(first).toContain('BJ202603010001')
    expect(first).toContain('华东电力报价 i1')
    expect(first).toContain('¥12,000.50')
    expect(first).toContain('张伟')
    expect(first).toContain('部门经理审批')
    expect(first).toContain('待审批')
    expect(first).not.toContain('s1') // names, not ids
    expect(badge()).toBe('2')

    await click('approval-tab-done')
    expect(api.to(`${BASE}/tasks`).at(-1)?.query).toMatchObject({ box: 'done' })
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.textContent).toContain('合同')
    expect(rows()[0]!.textContent).toContain('¥880,000.00')
    expect(rows()[0]!.textContent).toContain('已同意')

    await click('approval-tab-mine')
    expect(api.to(`${BASE}/mine`)).toHaveLength(1)
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.textContent).toContain('合同变更')
    expect(rows()[0]!.textContent).toContain('法务审核')
    expect(rows()[0]!.textContent).toContain('审批中')

    setLocale('en')
    await settled()
    expect(rows()[0]!.textContent).toContain('Contract change')
    expect(rows()[0]!.textContent).toContain('Pending')
    expect($('approval-tab-todo')?.textContent).toContain('To do')
  })

  it('searches by text and filters by document type', async () => {
    const api = world()
    const { wrapper } = await mountCenter()
    type('filter-q', '西北')
    await click('list-search')
    expect(api.to(`${BASE}/tasks`).at(-1)?.query).toMatchObject({ box: 'todo', q: '西北' })
    expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('BJ202603010099')])

    type('filter-q', '')
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'contract')
    await click('list-search')
    expect(api.to(`${BASE}/tasks`).at(-1)?.query).toEqual({
      box: 'todo',
      docType: 'contract',
      limit: '20',
    })
    expect(rows()).toHaveLength(0)
  })

  it('opens a tab from the address', async () => {
    const api = world()
    await mountCenter('/approvals?tab=mine')
    expect(api.to(`${BASE}/tasks`)).toHaveLength(0)
    expect(api.to(`${BASE}/mine`)).toHaveLength(1)
  })
})

describe('approval centre decisions', () => {
  it('opens the detail by clicking a row: the snapshot, steps, history and a way to the document', async () => {
    const api = world()
    const { router } = await mountCenter()
    rows()[0]!.querySelector<HTMLElement>('td:last-child')!.click()
    await settled()
    expect(api.to(`${BASE}/instances/i1`)).toHaveLength(1)
    const text = drawer()!.textContent!
    expect(text).toContain('华东电力报价 i1')
    expect(text).toContain('¥12,000.50')
    expect(text).toContain('张伟')
    expect(text).toContain('部门经理审批')
    expect(text).toContain('王芳') // the step's approver
    expect(text).toContain('提交审批') // the history
    expect($('approval-withdraw')).toBeNull() // not mine

    await click('approval-open-document')
    expect(router.currentRoute.value.fullPath).toBe('/sales/quotes?open=doc-i1')
  })

  it('approves with the comment and refreshes the list and the count', async () => {
    const api = world()
    await mountCenter()
    await click('approval-row-BJ202603010001')
    type('approval-comment', '  价格合理  ')
    await click('approval-approve')
    expect(api.to(`${BASE}/tasks/t1/approve`)).toEqual([
      { method: 'POST', query: {}, body: { comment: '价格合理' } },
    ])
    expect(messages()).toContain('已同意')
    expect(api.to(`${BASE}/counts`).length).toBeGreaterThanOrEqual(2)
    expect(badge()).toBe('1')
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.textContent).toContain('BJ202603010099')
  })

  it('approves without a comment with an empty body', async () => {
    const api = world()
    await mountCenter()
    await click('approval-row-BJ202603010099')
    await click('approval-approve')
    expect(api.to(`${BASE}/tasks/t2/approve`)).toEqual([{ method: 'POST', query: {}, body: {} }])
  })

  it('rejects only with a comment: without one nothing is sent and the field says why', async () => {
    const api = world()
    await mountCenter()
    await click('approval-row-BJ202603010001')
    type('approval-comment', '   ')
    await click('approval-reject')
    await settled(150)
    expect(api.to(`${BASE}/tasks/t1/reject`)).toEqual([])
    expect(drawer()!.querySelector('.el-form-item__error')?.textContent).toContain('驳回时请填写审批意见')
    expect(badge()).toBe('2')

    type('approval-comment', '折扣过高')
    await click('approval-reject')
    expect(api.to(`${BASE}/tasks/t1/reject`)).toEqual([
      { method: 'POST', query: {}, body: { comment: '折扣过高' } },
    ])
    expect(badge()).toBe('1')
    expect(rows()).toHaveLength(1)
  })

  it("shows the service's refusal in the reader's language, on the comment when it names it", async () => {
    const api = world()
    await mountCenter()
    await click('approval-row-BJ202603010001')
    api.refusals.push({
      method: 'POST',
      path: /\/approve$/,
      status: 403,
      body: { code: 'http.forbidden', detail: 'You do not have permission for this action.' },
    })
    await click('approval-approve')
    expect(messages()).toContain('没有权限执行此操作')

    api.refusals.push({
      method: 'POST',
      path: /\/reject$/,
      status: 400,
      body: {
        code: 'validation.failed',
        errors: [
          { field: 'comment', code: 'validation.too_long', message: 'too long', params: { maximum: 500 } },
        ],
      },
    })
    type('approval-comment', '不同意')
    await click('approval-reject')
    await settled(150)
    const fieldError = drawer()!.querySelector('.el-form-item__error')?.textContent ?? ''
    expect(fieldError).toContain('最多 500 个字符')
    expect(badge()).toBe('2')
  })

  it('withdraws my pending submission after confirmation, and not on cancel', async () => {
    const api = world()
    await mountCenter('/approvals?tab=mine')
    await click('approval-row-HB202603020001')
    expect(drawer()!.textContent).toContain('周律师')
    expect($('approval-decision')).toBeNull() // not my task

    await click('approval-withdraw')
    await answerBox(false)
    expect(api.to(`${BASE}/instances/i4/withdraw`)).toEqual([])

    await click('approval-withdraw')
    await answerBox(true)
    expect(api.to(`${BASE}/instances/i4/withdraw`)).toEqual([{ method: 'POST', query: {}, body: {} }])
    expect(messages()).toContain('已撤回审批申请')
    expect(api.to(`${BASE}/mine`)).toHaveLength(2)
    expect(rows()[0]!.textContent).toContain('已撤回')
    expect($('approval-withdraw')).toBeNull()
  })
})
