import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { click, resetAfterEach, settle, type } from '@mosaic/ui/test-utils'
import { json } from '@mosaic/web-kit/test-utils'
import {
  CONTRACT,
  IMAGE,
  TICKET,
  TOKEN,
  callsTo,
  mountPortal,
  statementFixture,
  text,
  ticketFixture,
} from './test-support'

resetAfterEach()
beforeEach(() => {
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: () => 'blob:portal', revokeObjectURL: () => {} }),
  )
})
afterEach(() => vi.unstubAllGlobals())

const press = async (testid: string) => {
  click(testid)
  await flushPromises()
  await settle()
  await flushPromises()
}

/** Picks files in the hidden file input, as the browser does after the upload button. */
async function pickFiles(files: File[]) {
  const input = document.querySelector<HTMLInputElement>('[data-testid="portal-upload-input"]')!
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
  await settle()
}

/** Chooses the option with test id `testid` of an el-select (its options live in a teleported popper). */
async function choose(testid: string) {
  const option = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
  if (!option) throw new Error(`no option ${testid}`)
  option.click()
  await flushPromises()
}

describe('submitting a ticket', () => {
  it('uploads images with the portal token and sends them with the ticket', async () => {
    const created = ticketFixture({ status: 'new', images: [] })
    const { calls, router } = await mountPortal('/portal/tickets', (c) => {
      if (c.method === 'POST' && c.url === '/api/tickets/portal/attachments') {
        return json(201, { id: IMAGE, name: 'photo.png', size: 3, contentType: 'image/png' })
      }
      if (c.method === 'POST' && c.url === '/api/tickets/portal/tickets') return json(201, created)
      return undefined
    })
    await press('portal-ticket-create')
    expect(callsTo(calls, 'GET', '/api/tickets/portal/documents')).toHaveLength(1)
    await choose('portal-create-type-repair')
    type('portal-create-title', '设备无法开机')
    type('portal-create-description', '二号机开机无反应')

    await pickFiles([
      new File(['png'], 'photo.png', { type: 'image/png' }),
      new File(['%PDF'], 'manual.pdf', { type: 'application/pdf' }),
    ])
    const uploads = callsTo(calls, 'POST', '/api/tickets/portal/attachments')
    expect(uploads).toHaveLength(1) // the PDF is refused before a byte is sent
    expect(uploads[0].headers.Authorization).toBe(`Bearer ${TOKEN}`)
    expect(uploads[0].headers['Content-Type']).toBe('image/png')
    expect(uploads[0].headers['X-File-Name']).toBe('photo.png')
    expect(text()).toContain('「manual.pdf」不是图片')
    expect(document.querySelectorAll('[data-testid="portal-create-image"]')).toHaveLength(1)

    await press('portal-create-submit')
    const [post] = callsTo(calls, 'POST', '/api/tickets/portal/tickets')
    expect(post.body).toEqual({
      type: 'repair',
      title: '设备无法开机',
      description: '二号机开机无反应',
      contractId: null,
      orderId: null,
      imageIds: [IMAGE],
    })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('portal-ticket'))
  })

  it('asks for the type, title and description before sending anything', async () => {
    const { calls } = await mountPortal('/portal/tickets')
    await press('portal-ticket-create')
    await press('portal-create-submit')
    expect(text()).toContain('请选择类型')
    expect(text()).toContain('请填写标题')
    expect(text()).toContain('请描述遇到的问题')
    expect(callsTo(calls, 'POST', '/api/tickets/portal/tickets')).toHaveLength(0)
  })

  it('offers the customer’s contracts by name', async () => {
    await mountPortal('/portal/tickets')
    await press('portal-ticket-create')
    expect(text()).toContain('HT202601010001 二期设备采购')
    expect(text()).not.toContain(CONTRACT)
  })
})

describe('ticket detail', () => {
  it('shows the fields, the log in words and the images fetched with the portal token', async () => {
    const { calls } = await mountPortal(`/portal/tickets/${TICKET}`)
    const page = text()
    expect(page).toContain('GD202612050001')
    expect(page).toContain('报修')
    expect(page).toContain('王芳')
    expect(page).toContain('已安排工程师上门')
    expect(page).toContain('处理')
    const [image] = callsTo(calls, 'GET', `/api/tickets/portal/attachments/${IMAGE}`)
    expect(image.headers.Authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('confirms a resolved ticket with a rating', async () => {
    const resolved = ticketFixture({ status: 'resolved', resolution: '更换电源模块' })
    const { calls } = await mountPortal(`/portal/tickets/${TICKET}`, (c) => {
      if (c.method === 'GET' && c.url === `/api/tickets/portal/tickets/${TICKET}`) return json(200, resolved)
      if (c.method === 'POST' && c.url.endsWith('/confirm')) {
        return json(200, { ...resolved, status: 'closed', satisfaction: 4 })
      }
      return undefined
    })
    expect(text()).toContain('更换电源模块')
    await press('portal-ticket-confirm')
    await press('portal-ticket-confirm-submit')
    expect(text()).toContain('请为本次服务打分')
    expect(callsTo(calls, 'POST', `/api/tickets/portal/tickets/${TICKET}/confirm`)).toHaveLength(0)
    const stars = document.querySelectorAll<HTMLElement>(
      '[data-testid="portal-ticket-rating"] .el-rate__item',
    )
    stars[3].click()
    await flushPromises()
    type('portal-ticket-feedback', '很及时')
    await press('portal-ticket-confirm-submit')
    const [confirm] = callsTo(calls, 'POST', `/api/tickets/portal/tickets/${TICKET}/confirm`)
    expect(confirm.body).toEqual({ satisfaction: 4, feedback: '很及时' })
    expect(confirm.headers.Authorization).toBe(`Bearer ${TOKEN}`)
    expect(text()).toContain('已关闭')
  })

  it('sends a resolved ticket back with the reason when it is not solved', async () => {
    const resolved = ticketFixture({ status: 'resolved' })
    const { calls } = await mountPortal(`/portal/tickets/${TICKET}`, (c) => {
      if (c.method === 'GET' && c.url === `/api/tickets/portal/tickets/${TICKET}`) return json(200, resolved)
      if (c.method === 'POST' && c.url.endsWith('/reject'))
        return json(200, { ...resolved, status: 'reopened' })
      return undefined
    })
    await press('portal-ticket-reject')
    type('portal-ticket-reason', '仍然无法开机')
    await press('portal-ticket-reject-submit')
    const [reject] = callsTo(calls, 'POST', `/api/tickets/portal/tickets/${TICKET}/reject`)
    expect(reject.body).toEqual({ reason: '仍然无法开机' })
    expect(text()).toContain('重新处理')
  })

  it('adds a comment', async () => {
    const { calls } = await mountPortal(`/portal/tickets/${TICKET}`, (c) =>
      c.method === 'POST' && c.url.endsWith('/comments') ? json(200, ticketFixture()) : undefined,
    )
    type('portal-ticket-comment', '周一上午有人')
    await press('portal-ticket-comment-send')
    expect(callsTo(calls, 'POST', `/api/tickets/portal/tickets/${TICKET}/comments`)[0].body).toEqual({
      note: '周一上午有人',
    })
  })
})

describe('statement', () => {
  it('shows this year to date, money to the cent, and confirms with the digest', async () => {
    const { calls } = await mountPortal('/portal/statement', (c) =>
      c.method === 'POST' && c.url.endsWith('/statement/responses') ? json(201, {}) : undefined,
    )
    const [get] = callsTo(calls, 'GET', '/api/tickets/portal/statement')
    const year = String(new Date().getFullYear())
    expect(get.url).toContain(`from=${year}-01-01`)
    expect(text()).toContain('¥30,000.50')
    expect(text()).toContain('¥69,999.50')
    expect(text()).toContain('转账')
    expect(text()).toContain('尚未确认')
    await press('portal-statement-confirm')
    const [post] = callsTo(calls, 'POST', '/api/tickets/portal/statement/responses')
    expect(post.body).toEqual({
      from: '2026-01-01',
      to: '2026-12-05',
      digest: 'a'.repeat(64),
      status: 'confirmed',
    })
    expect(post.headers.Authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('requires a note to dispute, then sends it', async () => {
    const { calls } = await mountPortal('/portal/statement', (c) =>
      c.method === 'POST' && c.url.endsWith('/statement/responses') ? json(201, {}) : undefined,
    )
    await press('portal-statement-dispute')
    await press('portal-statement-dispute-submit')
    expect(text()).toContain('提出异议时请填写说明')
    expect(callsTo(calls, 'POST', '/api/tickets/portal/statement/responses')).toHaveLength(0)
    type('portal-statement-note', '2 月付款金额不符')
    await press('portal-statement-dispute-submit')
    const [post] = callsTo(calls, 'POST', '/api/tickets/portal/statement/responses')
    expect(post.body).toMatchObject({ status: 'disputed', note: '2 月付款金额不符', digest: 'a'.repeat(64) })
  })

  it('reloads with a message in words when the figures changed meanwhile', async () => {
    let version = 0
    const { calls } = await mountPortal('/portal/statement', (c) => {
      if (c.method === 'GET' && c.url.startsWith('/api/tickets/portal/statement')) {
        version++
        return json(200, statementFixture({ digest: (version === 1 ? 'a' : 'b').repeat(64) }))
      }
      if (c.method === 'POST') {
        return json(409, {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'finance.statement.changed',
        })
      }
      return undefined
    })
    await press('portal-statement-confirm')
    expect(callsTo(calls, 'GET', '/api/tickets/portal/statement')).toHaveLength(2)
    expect(text()).toContain('对账单在您查看期间已更新')
    await press('portal-statement-confirm')
    const posts = callsTo(calls, 'POST', '/api/tickets/portal/statement/responses')
    expect(posts[1].body).toMatchObject({ digest: 'b'.repeat(64) })
  })

  it('marks a response made before the figures changed as stale', async () => {
    const response = {
      id: '13131313-0000-4000-8000-000000000013',
      customerId: statementFixture().customerId,
      customerName: 'Acme 公司',
      from: '2026-01-01',
      to: '2026-12-05',
      status: 'confirmed' as const,
      note: null,
      accountId: '55555555-0000-4000-8000-000000000005',
      respondentName: '李雷',
      respondedAt: '2026-12-03T02:00:00Z',
      digest: 'c'.repeat(64),
      outstandingAtEnd: '70000.00',
      receivedInPeriod: '30000.00',
      invoicedInPeriod: '0.00',
    }
    await mountPortal('/portal/statement', (c) =>
      c.method === 'GET' && c.url.startsWith('/api/tickets/portal/statement')
        ? json(200, statementFixture({ response, responseStale: true }))
        : undefined,
    )
    expect(text()).toContain('李雷 于')
    expect(text()).toContain('确认无误')
    expect(document.querySelector('[data-testid="portal-statement-stale"]')).not.toBeNull()
  })
})

describe('orders', () => {
  it('lists orders with lines and shipments, couriers by name', async () => {
    await mountPortal('/portal/orders', (c) =>
      c.url === '/api/tickets/portal/orders'
        ? json(200, {
            items: [
              {
                id: '14141414-0000-4000-8000-000000000014',
                number: 'DD202602010001',
                status: 'partially_shipped',
                contractNumber: 'HT202601010001',
                contractName: '二期设备采购',
                createdAt: '2026-02-01T02:00:00Z',
                deliveryDate: '2026-03-01',
                total: '100000',
                shippedPercent: 50,
                lines: [{ productName: '控制柜', unit: '台', quantity: '2', shippedQuantity: '1' }],
                shipments: [
                  {
                    id: '15151515-0000-4000-8000-000000000015',
                    status: 'delivered',
                    courier: 'sf',
                    trackingNumber: 'SF1234567890',
                    shippedDate: '2026-02-10',
                    deliveredAt: '2026-02-12T08:00:00Z',
                    items: [{ productName: '控制柜', unit: '台', quantity: '1' }],
                  },
                ],
              },
            ],
          })
        : undefined,
    )
    const page = text()
    expect(page).toContain('DD202602010001')
    expect(page).toContain('部分发货')
    expect(page).toContain('控制柜')
    expect(page).toContain('顺丰速运')
    expect(page).toContain('SF1234567890')
    expect(page).toContain('已签收')
    expect(page).toContain('¥100,000.00')
  })
})
