import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { admin } from '@mosaic/schemas'
import { problemError, resetAfterEach, withPermissions } from '../test-utils'

const http = await vi.hoisted(async () => (await import('@mosaic/web-kit/test-utils')).fakeApi())
vi.mock('@mosaic/web-kit', async (original) => ({ ...(await original<object>()), api: http }))
const { default: ApprovalHistory } = await import('./ApprovalHistory.vue')

resetAfterEach()

const HISTORY = '/api/admin/approvals/history'

function submission(id: string, over: Partial<admin.ApprovalInstance> = {}): admin.ApprovalInstance {
  return {
    id,
    service: 'orders',
    docType: 'quote',
    docId: 'q1',
    docNumber: 'BJ20260101001',
    docTitle: '华东电力 年度报价',
    amount: '12000.00',
    link: '/sales/quotes?open=q1',
    status: 'pending',
    flowVersion: 2,
    currentStep: 1,
    steps: [
      {
        name: '部门经理审批',
        mode: 'any',
        status: 'approved',
        approvers: [{ userId: 'm1', name: '李经理', status: 'approved' }],
      },
      {
        name: '财务会签',
        mode: 'all',
        status: 'pending',
        approvers: [
          { userId: 'f1', name: '赵会计', status: 'approved' },
          { userId: 'f2', name: '钱出纳', status: 'pending' },
        ],
      },
    ],
    submitterId: 'u1',
    submitterName: '王芳',
    submittedAt: '2026-03-02T02:00:00Z',
    decidedAt: null,
    history: [
      { at: '2026-03-02T02:00:00Z', action: 'submitted', actorName: '王芳', stepName: null, comment: null },
      {
        at: '2026-03-02T03:00:00Z',
        action: 'approved',
        actorName: '李经理',
        stepName: '部门经理审批',
        comment: '价格合理',
      },
    ],
    ...over,
  }
}

const rejectedEarlier = () =>
  submission('old', {
    status: 'rejected',
    flowVersion: 1,
    currentStep: null,
    submittedAt: '2026-03-01T02:00:00Z',
    decidedAt: '2026-03-01T05:00:00Z',
    steps: [
      {
        name: '部门经理审批',
        mode: 'any',
        status: 'rejected',
        approvers: [{ userId: 'm1', name: '李经理', status: 'rejected' }],
      },
    ],
    history: [
      { at: '2026-03-01T02:00:00Z', action: 'submitted', actorName: '王芳', stepName: null, comment: null },
      {
        at: '2026-03-01T05:00:00Z',
        action: 'rejected',
        actorName: '李经理',
        stepName: '部门经理审批',
        comment: '折扣过高',
      },
    ],
  })

/** Signed in as `testPrincipal()` (user u1, the submitter of the default submission). */
async function mountPanel() {
  const wrapper = mount(ApprovalHistory, {
    props: { docType: 'quote', docId: 'q1' },
    global: { plugins: [withPermissions()] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const submissions = () => [...document.querySelectorAll<HTMLElement>('[data-testid="approval-submission"]')]

async function answerBox(selector: string) {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  const button = document.querySelector<HTMLElement>(
    `.mosaic-confirm-withdraw .el-message-box__btns ${selector}`,
  )
  if (!button) throw new Error(`no ${selector} in the message box`)
  button.click()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}

describe('ApprovalHistory', () => {
  it("shows every submission newest first with its state, steps, approvers' answers and timeline", async () => {
    http.get.mockResolvedValue([rejectedEarlier(), submission('new')])
    await mountPanel()
    expect(http.get).toHaveBeenCalledWith(HISTORY, { query: { docType: 'quote', docId: 'q1' } })

    const [first, second] = submissions()
    expect(submissions().map((s) => s.dataset.status)).toEqual(['pending', 'rejected'])
    expect(first!.querySelector('.el-tag')?.textContent?.trim()).toBe('审批中')
    expect(first!.textContent).toContain('王芳 提交于')
    expect(first!.textContent).toContain('流程版本 2')
    const steps = [...first!.querySelectorAll('[data-testid="approval-step"]')].map((s) => s.textContent)
    expect(steps[0]).toContain('部门经理审批')
    expect(steps[0]).toContain('李经理')
    expect(steps[1]).toContain('财务会签')
    expect(steps[1]).toContain('全部同意')
    expect(steps[1]).toContain('赵会计')
    expect(steps[1]).toContain('已同意')
    expect(steps[1]).toContain('钱出纳')
    expect(steps[1]).toContain('待审批')
    const entries = [...first!.querySelectorAll('[data-testid="approval-history-entry"]')].map(
      (e) => e.textContent,
    )
    expect(entries[0]).toContain('提交审批')
    expect(entries[1]).toContain('李经理')
    expect(entries[1]).toContain('同意')
    expect(entries[1]).toContain('价格合理')

    expect(second!.querySelector('.el-tag')?.textContent?.trim()).toBe('已驳回')
    expect(second!.textContent).toContain('折扣过高')
    // Only the pending one can be withdrawn.
    expect(first!.querySelector('[data-testid="approval-withdraw"]')).not.toBeNull()
    expect(second!.querySelector('[data-testid="approval-withdraw"]')).toBeNull()
  })

  it('withdraws after confirmation, reloads and tells the page', async () => {
    const pending = submission('new')
    http.get.mockResolvedValueOnce([pending]).mockResolvedValue([{ ...pending, status: 'withdrawn' }])
    http.post.mockResolvedValue({ ...pending, status: 'withdrawn' })
    const wrapper = await mountPanel()

    document.querySelector<HTMLElement>('[data-testid="approval-withdraw"]')!.click()
    await answerBox('.el-button:not(.el-button--primary)')
    expect(http.post).not.toHaveBeenCalled()

    document.querySelector<HTMLElement>('[data-testid="approval-withdraw"]')!.click()
    await flushPromises()
    expect(document.querySelector('.mosaic-confirm-withdraw')?.textContent).toContain('BJ20260101001')
    await answerBox('.el-button--primary')
    expect(http.post).toHaveBeenCalledWith('/api/admin/approvals/instances/new/withdraw', {})
    expect(wrapper.emitted('withdrawn')?.[0]?.[0]).toMatchObject({ id: 'new', status: 'withdrawn' })
    expect(http.get).toHaveBeenCalledTimes(2)
    expect(submissions()[0]!.dataset.status).toBe('withdrawn')
    expect(document.querySelector('[data-testid="approval-withdraw"]')).toBeNull()
  })

  it("offers no withdraw on someone else's submission", async () => {
    http.get.mockResolvedValue([submission('new', { submitterId: 'other', submitterName: '张三' })])
    await mountPanel()
    expect(submissions()[0]!.textContent).toContain('张三 提交于')
    expect(document.querySelector('[data-testid="approval-withdraw"]')).toBeNull()
  })

  it('says so when never submitted, and shows a refusal in the reader language', async () => {
    http.get.mockResolvedValue([])
    await mountPanel()
    expect(document.body.textContent).toContain('暂无审批记录')

    http.get.mockRejectedValue(problemError({ status: 403, code: 'http.forbidden' }))
    document.body.innerHTML = ''
    await mountPanel()
    expect(document.querySelector('.el-alert')?.textContent).toContain('权限')
  })
})
