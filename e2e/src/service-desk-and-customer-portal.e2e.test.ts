import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { finance, orders, tickets } from '@mosaic/schemas'
import { field, launchBrowser, login, newPage } from './support/browser.js'
import { apiLogin, createSalesTeam, until, type ApiSession, type SalesTeam } from './support/api.js'
import { contractInForce, createMember, leadDepartment, type ContractInForce } from './support/documents.js'
import { chooseOption, clickForResponse, pickUser, waitForClosed } from './support/ui.js'

/**
 * Journey: a customer's contact is served through the portal. The administrator creates a portal account
 * for the contact of a customer whose contract is in force (客户账号). The contact signs in to the portal
 * (its own login and layout), submits a repair ticket about the contract with a photo. Orders learns that the
 * contract has an open ticket (the closure gate). A service agent assigns it to themself, processes and
 * resolves it in the service screens. The contact confirms the resolution with a rating, which closes the
 * ticket, and the contract's gate opens again. Last, the contact opens the reconciliation statement (对账单),
 * sees the contract and confirms it; finance sees the confirmation.
 */
let browser: Browser
let staff: Page
let agentPage: Page
let contact: Page
let errors: string[][]
let team: SalesTeam
let agentApi: ApiSession
let agent: { username: string; password: string; displayName: string }
let deal: ContractInForce
let ticket: tickets.PortalTicket

const account = () => `liu.${team.tag}`
const password = () => `Portal-${team.tag}-1`
const drawer = (page: Page): Locator => page.getByTestId('ticket-drawer')

/** A 1×1 PNG: the portal takes images only. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const contractNow = () => team.admin.json<orders.Contract>('GET', `/api/orders/contracts/${deal.contract.id}`)

beforeAll(async () => {
  team = await createSalesTeam()
  const repApi = await apiLogin(team.rep1.username, team.rep1.password)
  const managerApi = await apiLogin(team.manager.username, team.manager.password)
  await leadDepartment(team, team.manager)
  deal = await contractInForce(team, repApi, managerApi, {
    customer: `杭州云帆机电 ${team.tag}`,
    product: `变频控制柜 ${team.tag}`,
    code: `SD-${team.tag.toUpperCase()}`,
    contract: `云帆控制柜供货合同 ${team.tag}`,
    quantity: '2',
    price: '5000.00',
    prepayRatio: '30',
    retentionRatio: '0',
  })
  const created = await createMember(team, 'agent', `客服专员 ${team.tag}`, 'service_agent')
  agent = created.member
  agentApi = created.api
  // Finance makes the receivable from the approval; the statement lists it.
  await until('finance to have the receivable', async () => {
    const page = await team.admin.json<{ items: finance.Receivable[] }>(
      'GET',
      `/api/finance/receivables?contractId=${deal.contract.id}`,
    )
    return page.items.length === 1
  })
  browser = await launchBrowser()
  const pages = await Promise.all([newPage(browser), newPage(browser), newPage(browser)])
  ;[staff, agentPage, contact] = pages.map((p) => p.page) as [Page, Page, Page]
  errors = pages.map((p) => p.errors)
  await login(staff, 'admin', 'admin123')
  await login(agentPage, agent.username, agent.password)
})

afterAll(async () => {
  await browser?.close()
})

describe('a service desk serves a customer through the portal', () => {
  test('the administrator creates a portal account for the customer’s contact (客户账号)', async () => {
    await staff.goto('/service/portal-accounts')
    await staff.getByTestId('account-create').click()
    await staff.getByTestId('field-customerId').click()
    await field(staff, 'field-customerId').fill(`杭州云帆机电 ${team.tag}`)
    await staff.locator(`[data-testid="user-option-${deal.customer.id}"]:visible`).click()
    await chooseOption(staff, 'field-contactId', '财务联系人')
    await field(staff, 'field-account').fill(account())
    await field(staff, 'field-password').fill(password())
    await field(staff, 'field-displayName').fill('刘工')
    const created = await clickForResponse<tickets.PortalAccount>(
      staff,
      staff.getByTestId('account-submit'),
      'POST',
      /^\/api\/tickets\/portal-accounts$/,
    )
    expect(created).toMatchObject({
      account: account(),
      customerName: `杭州云帆机电 ${team.tag}`,
      contactName: '财务联系人',
      enabled: true,
    })
    await waitForClosed(staff, 'account-submit')
    await expect.poll(() => staff.getByText(account()).count()).toBeGreaterThan(0)
  })

  test('the contact signs in to the portal and submits a ticket with a photo', async () => {
    await contact.goto('/portal/login')
    await field(contact, 'portal-account').fill(account())
    await field(contact, 'portal-password').fill(password())
    await contact.getByTestId('portal-login').click()
    await contact.waitForURL((url) => url.pathname === '/portal/tickets')
    // The portal's own layout: the customer's name, no staff menu.
    await expect
      .poll(() => contact.getByTestId('portal-customer').innerText())
      .toContain(`杭州云帆机电 ${team.tag}`)
    expect(await contact.locator('.el-menu').filter({ hasText: '销售' }).count()).toBe(0)

    await contact.getByTestId('portal-ticket-create').click()
    await contact.getByTestId('portal-create-type').click()
    await contact.locator('[data-testid="portal-create-type-repair"]:visible').click()
    await field(contact, 'portal-create-title').fill('控制柜无法启动')
    await field(contact, 'portal-create-description').fill('上电后面板无显示，见照片。')
    await chooseOption(contact, 'portal-create-contract', `${deal.contract.number} ${deal.contract.name}`)
    const uploaded = contact.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/tickets/portal/attachments'),
    )
    await contact.getByTestId('portal-upload-input').setInputFiles({
      name: '面板.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    expect((await uploaded).status()).toBe(201)
    await contact.getByTestId('portal-create-image').waitFor()
    ticket = await clickForResponse<tickets.PortalTicket>(
      contact,
      contact.getByTestId('portal-create-submit'),
      'POST',
      /^\/api\/tickets\/portal\/tickets$/,
    )
    expect(ticket).toMatchObject({ status: 'new', channel: 'portal', contactName: '财务联系人' })
    expect(ticket.images).toHaveLength(1)
    // The portal opens the new ticket, its photo fetched with the portal's token.
    await contact.getByTestId('portal-ticket').waitFor()
    await expect.poll(() => contact.getByTestId('portal-ticket').innerText()).toContain(ticket.number)
    await contact.getByTestId('portal-ticket-image').first().waitFor()
  })

  test('orders learns the contract has an open ticket: the closure gate holds it', async () => {
    await until('orders to know the open ticket', async () =>
      (await contractNow()).openTickets.includes(ticket.number),
    )
  })

  test('an agent assigns it to themself, processes and resolves it', async () => {
    await agentPage.goto(`/service/tickets?open=${ticket.id}`)
    await drawer(agentPage).waitFor()
    await expect.poll(() => drawer(agentPage).innerText()).toContain('控制柜无法启动')

    await drawer(agentPage).getByTestId(`ticket-assign-${ticket.id}`).click()
    await pickUser(agentPage, 'field-assigneeId', agent.username)
    const assigned = await clickForResponse<tickets.Ticket>(
      agentPage,
      agentPage.getByTestId('ticket-assign-submit'),
      'POST',
      new RegExp(`^/api/tickets/tickets/${ticket.id}/assign$`),
    )
    expect(assigned).toMatchObject({ status: 'assigned', assigneeName: agent.displayName })
    expect(assigned.respondedAt).not.toBeNull()
    await waitForClosed(agentPage, 'ticket-assign-submit')

    await drawer(agentPage).getByTestId(`ticket-process-${ticket.id}`).click()
    await field(agentPage, 'field-note').fill('远程指导检查电源模块，确认保险丝熔断。')
    const processed = await clickForResponse<tickets.Ticket>(
      agentPage,
      agentPage.getByTestId('ticket-process-submit'),
      'POST',
      new RegExp(`^/api/tickets/tickets/${ticket.id}/process$`),
    )
    expect(processed.status).toBe('in_progress')
    await waitForClosed(agentPage, 'ticket-process-submit')

    await drawer(agentPage).getByTestId(`ticket-resolve-${ticket.id}`).click()
    await field(agentPage, 'field-resolution').fill('更换保险丝后设备恢复正常。')
    const resolved = await clickForResponse<tickets.Ticket>(
      agentPage,
      agentPage.getByTestId('ticket-resolve-submit'),
      'POST',
      new RegExp(`^/api/tickets/tickets/${ticket.id}/resolve$`),
    )
    expect(resolved.status).toBe('resolved')
    await waitForClosed(agentPage, 'ticket-resolve-submit')
    // The processing log names who did each step.
    const log = await agentApi.json<tickets.TicketLogEntry[]>('GET', `/api/tickets/tickets/${ticket.id}/log`)
    expect(log.map((e) => e.action)).toEqual(['created', 'assigned', 'processed', 'resolved'])
    expect(log[0]).toMatchObject({ actorKind: 'contact', actorName: '财务联系人' })
    expect(log.slice(1).every((e) => e.actorName === agent.displayName)).toBe(true)
  })

  test('the contact confirms the resolution and rates it; the ticket closes', async () => {
    await contact.goto('/portal/tickets')
    await contact.getByTestId(`portal-ticket-open-${ticket.number}`).click()
    await contact.getByTestId('portal-ticket-resolved').waitFor()
    await expect.poll(() => contact.getByTestId('portal-ticket-log').innerText()).toContain('更换保险丝')
    await contact.getByTestId('portal-ticket-confirm').click()
    // The fifth star.
    await contact.getByTestId('portal-ticket-rating').locator('.el-rate__item').nth(4).click()
    await field(contact, 'portal-ticket-feedback').fill('响应及时，谢谢！')
    const confirmed = await clickForResponse<tickets.PortalTicketDetail>(
      contact,
      contact.getByTestId('portal-ticket-confirm-submit'),
      'POST',
      new RegExp(`^/api/tickets/portal/tickets/${ticket.id}/confirm$`),
    )
    expect(confirmed).toMatchObject({ status: 'closed', satisfaction: 5, feedback: '响应及时，谢谢！' })
    await expect.poll(() => contact.getByTestId('portal-ticket-status').innerText()).toContain('已关闭')
    const seen = await agentApi.json<tickets.Ticket>('GET', `/api/tickets/tickets/${ticket.id}`)
    expect(seen).toMatchObject({ status: 'closed', satisfaction: 5 })
    await until('orders to see the ticket closed', async () => (await contractNow()).openTickets.length === 0)
  })

  test('the contact confirms the reconciliation statement; finance sees it', async () => {
    await contact.goto('/portal/statement')
    await expect
      .poll(() => contact.getByTestId('portal-statement').innerText())
      .toContain(deal.contract.number)
    await expect.poll(() => contact.getByTestId('portal-statement-totals').innerText()).toContain('10,000.00')
    const response = await clickForResponse<finance.StatementResponse>(
      contact,
      contact.getByTestId('portal-statement-confirm'),
      'POST',
      /^\/api\/tickets\/portal\/statement\/responses$/,
    )
    expect(response).toMatchObject({ status: 'confirmed', respondentName: '财务联系人' })
    await expect.poll(() => contact.getByTestId('portal-statement-response').innerText()).toContain('确认')

    await staff.goto('/finance/statements')
    await expect.poll(() => staff.getByText(`杭州云帆机电 ${team.tag}`).count()).toBeGreaterThan(0)
    const answers = await team.admin.json<{ items: finance.StatementResponse[] }>(
      'GET',
      `/api/finance/statement-responses?customerId=${deal.customer.id}`,
    )
    expect(answers.items.map((a) => a.status)).toEqual(['confirmed'])
  })

  test('no page error on the way', () => {
    expect(errors.flat()).toEqual([])
  })
})
