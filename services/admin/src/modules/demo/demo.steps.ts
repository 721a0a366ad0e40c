import { financeRoutes, ordersRoutes, salesRoutes, ticketsRoutes } from '@mosaic/schemas/contracts'
import { tickets, type finance, type orders } from '@mosaic/schemas'
import type { DemoLedger } from './demo.ledger.js'
import type { PeerCall } from './demo.peers.js'
import type { DemoPeople, DemoUser, TokenFor } from './demo.people.js'
import { DEMO_PASSWORD, SALES_REGIONS } from './demo.people.js'
import {
  DEAL_FATES,
  DEMO_PRODUCTS,
  TICKET_FATES,
  daysAgo,
  seededRandom,
  type DealFate,
  type DemoCustomer,
} from './demo.content.js'

type Json = Record<string, unknown>

/** What every business step works with. */
export interface StepContext {
  ledger: DemoLedger
  call: PeerCall
  tokenFor: TokenFor
  people: DemoPeople
  customers: DemoCustomer[]
  today: Date
  /** Approves the open task on document `number` as `approverId`, through admin's approval engine. */
  approve: (docNumber: string, approverId: string) => Promise<void>
  /** Polls until `check` holds (what arrives by event), failing after a while. */
  until: (what: string, check: () => Promise<boolean>) => Promise<void>
}

/**
 * Runs `run` for the item `key` once: a finished item is skipped; an item whose earlier attempt's
 * outcome is unknown runs with `resuming` set, so each creation first looks for what it made.
 */
export async function once<T extends Json>(
  ledger: DemoLedger,
  key: string,
  run: (resuming: boolean) => Promise<T>,
): Promise<T> {
  const state = await ledger.item(key)
  if (state.ref) return state.ref as T
  if (!state.attempted) await ledger.attempt(key)
  const ref = await run(state.attempted)
  await ledger.made(key, ref)
  return ref
}

/** Creates, unless resuming and the business key finds what an earlier attempt made. */
async function findOr<T>(resuming: boolean, find: () => Promise<T | undefined>, create: () => Promise<T>) {
  if (resuming) {
    const found = await find()
    if (found !== undefined) return found
  }
  return create()
}

const repOf = (c: StepContext, index: number): DemoUser => c.people.reps[index % c.people.reps.length]!
const managerOf = (c: StepContext, rep: DemoUser): DemoUser =>
  c.people.managers[SALES_REGIONS.find((r) => r === rep.deptKey)!]

/** Waits until the sales directory (fed by admin's user events) knows every demo sales user. */
export async function awaitDirectory(c: StepContext) {
  const token = await c.tokenFor(c.people.admin.id)
  const sellers = [...c.people.reps, ...Object.values(c.people.managers)]
  const known = async (u: DemoUser) => {
    const found = await c.call(token, salesRoutes.users, { query: { q: u.username } })
    return found.some((d) => d.id === u.id && d.deptId !== null)
  }
  await c.until('the sales directory to know the demo users', async () =>
    (await Promise.all(sellers.map(known))).every(Boolean),
  )
}

// ── products ─────────────────────────────────────────────────────────────────────────────────

export async function makeProducts(c: StepContext): Promise<Map<string, orders.Product>> {
  const token = await c.tokenFor(c.people.admin.id)
  const byCode = new Map<string, orders.Product>()
  for (const p of DEMO_PRODUCTS) {
    const ref = await once(c.ledger, `product:${p.code}`, async (resuming) => {
      const product = await findOr(
        resuming,
        async () =>
          (await c.call(token, ordersRoutes.listProducts, { query: { q: p.code } })).items.find(
            (x) => x.code === p.code,
          ),
        () =>
          c.call(token, ordersRoutes.createProduct, {
            body: { code: p.code, name: p.name, unit: p.unit, referencePrice: p.price, taxRate: '13' },
          }),
      )
      return { id: product.id, code: p.code, price: p.price }
    })
    byCode.set(p.code, ref as unknown as orders.Product)
  }
  return byCode
}

// ── customers, contacts, follow-ups, opportunities ───────────────────────────────────────────

export interface CustomerRef extends Json {
  customerId: string
  contactIds: string[]
  repId: string
}

const FOLLOW_UP_SUBJECTS = [
  '初次电话沟通',
  '上门拜访',
  '需求调研',
  '方案讲解',
  '报价跟进',
  '商务洽谈',
  '售后回访',
]
const FOLLOW_UP_METHODS = ['phone', 'visit', 'wechat', 'email'] as const

export async function makeCustomer(c: StepContext, d: DemoCustomer): Promise<CustomerRef> {
  const rep = repOf(c, d.index)
  const token = await c.tokenFor(rep.id)
  return once(c.ledger, `customer:${d.index}`, async (resuming) => {
    const [primary, ...others] = d.contacts
    const customer = await findOr(
      resuming,
      async () => {
        const check = await c.call(token, salesRoutes.customerDuplicates, { query: { name: d.name } })
        return check.exact?.visible ? { id: check.exact.id } : undefined
      },
      () =>
        c.call(token, salesRoutes.createCustomer, {
          body: {
            name: d.name,
            status: d.status,
            level: d.level,
            industry: d.industry,
            source: d.source,
            phone: d.phone,
            address: d.address,
            contact: {
              name: primary!.name,
              title: primary!.title,
              phone: primary!.phone,
              email: primary!.email,
            },
          },
        }),
    )
    const existing = resuming
      ? await c.call(token, salesRoutes.customerContacts, { params: { id: customer.id } })
      : []
    const contactIds = resuming
      ? existing.filter((x) => x.name === primary!.name).map((x) => x.id)
      : (await c.call(token, salesRoutes.customerContacts, { params: { id: customer.id } })).map((x) => x.id)
    for (const o of others) {
      const found = existing.find((x) => x.name === o.name)
      contactIds.push(
        found?.id ??
          (await c.call(token, salesRoutes.createContact, { body: { customerId: customer.id, ...o } })).id,
      )
    }
    await makeFollowUps(c, token, d, customer.id, contactIds[0] ?? null, resuming)
    if (d.opportunity) await makeOpportunity(c, token, d, customer.id, contactIds[0] ?? null, resuming)
    return { customerId: customer.id, contactIds, repId: rep.id }
  })
}

async function makeFollowUps(
  c: StepContext,
  token: string,
  d: DemoCustomer,
  customerId: string,
  contactId: string | null,
  resuming: boolean,
) {
  const r = seededRandom(d.index + 1)
  const written = resuming
    ? (
        await c.call(token, salesRoutes.listFollowUps, {
          query: { targetType: 'customer', targetId: customerId },
        })
      ).items
    : []
  for (const [n, days] of d.followUpDaysAgo.entries()) {
    const contactedAt = new Date(c.today.getTime() - days * 86_400_000).toISOString()
    const subject = FOLLOW_UP_SUBJECTS[(d.index + n) % FOLLOW_UP_SUBJECTS.length]!
    if (written.some((f) => f.subject === subject && Date.parse(f.contactedAt) === Date.parse(contactedAt)))
      continue
    await c.call(token, salesRoutes.createFollowUp, {
      body: {
        targetType: 'customer',
        targetId: customerId,
        subject,
        method: r.pick(FOLLOW_UP_METHODS),
        content: `${subject}：与${d.contacts[0]!.name}沟通了${d.opportunity ? '项目需求与预算' : '合作意向'}，客户反馈积极。`,
        contactedAt,
        contactId,
        nextPlan: '一周内再次联系，确认下一步安排',
      },
    })
  }
}

async function makeOpportunity(
  c: StepContext,
  token: string,
  d: DemoCustomer,
  customerId: string,
  contactId: string | null,
  resuming: boolean,
) {
  const o = d.opportunity!
  const found = resuming
    ? (await c.call(token, salesRoutes.listOpportunities, { query: { customerId } })).items.find(
        (x) => x.name === o.name,
      )
    : undefined
  const opportunity =
    found ??
    (await c.call(token, salesRoutes.createOpportunity, {
      body: {
        name: o.name,
        customerId,
        contactId,
        stage: o.stage,
        expectedAmount: o.amount,
        expectedCloseDate: daysAgo(c.today, -o.closeInDays),
      },
    }))
  // Closed through the sales service's own closing (the closure rule; a win makes the customer a dealt one).
  if (o.outcome && opportunity.status === 'open') {
    await c.call(token, salesRoutes.closeOpportunity, {
      params: { id: opportunity.id },
      body: {
        outcome: o.outcome,
        ...(o.lostReason ? { lostReason: o.lostReason } : {}),
        closeDate: daysAgo(c.today, o.closedDaysAgo),
      },
      ifMatch: opportunity.version,
    })
  }
}

// ── deals: quote → contract → order → shipment → payments → invoice ──────────────────────────

/** How many deals a company of `customers` customers has, and whose they are (every k-th customer). */
export function dealCustomers(count: number): number[] {
  const deals = Math.max(DEAL_FATES.length, Math.round(count / 12))
  const step = Math.max(1, Math.floor(count / deals))
  return Array.from({ length: Math.min(deals, count) }, (_, j) => j * step)
}

/** The fates are listed in the order a deal goes (first occurrence), so a later one has passed the earlier. */
const atLeast = (fate: DealFate, stage: DealFate) => DEAL_FATES.indexOf(fate) >= DEAL_FATES.indexOf(stage)

export async function makeDeal(c: StepContext, j: number, customerIndex: number, dealCount: number) {
  const d = c.customers[customerIndex]!
  const customer = await makeCustomer(c, d)
  const fate = DEAL_FATES[j % DEAL_FATES.length]!
  const rep = c.people.reps.find((u) => u.id === customer.repId)!
  const manager = managerOf(c, rep)
  const repToken = () => c.tokenFor(rep.id)
  const r = seededRandom(10_000 + j)
  // Signed over the last twelve months, oldest deals first, so the dashboard's trends have a shape.
  const signDaysAgo = Math.max(3, Math.round(355 - (j * 350) / Math.max(1, dealCount)))
  const signDate = daysAgo(c.today, signDaysAgo)
  const lines = Array.from({ length: r.int(1, 2) }, (_, n) => {
    const p = DEMO_PRODUCTS[(j + n * 3) % DEMO_PRODUCTS.length]!
    return { code: p.code, quantity: String(r.int(1, 8)) }
  })

  const quote = await once(c.ledger, `deal:${j}:quote`, async (resuming) => {
    const products = await c.ledger.madeWithPrefix('product:')
    const q = await findOr(
      resuming,
      async () =>
        (
          await c.call(await repToken(), ordersRoutes.listQuotes, {
            query: { customerId: customer.customerId },
          })
        ).items[0],
      async () =>
        c.call(await repToken(), ordersRoutes.createQuote, {
          body: {
            customerId: customer.customerId,
            contactId: customer.contactIds[0] ?? null,
            validUntil: daysAgo(c.today, -30),
            lines: lines.map((l) => ({
              productId: String(products.get(`product:${l.code}`)!.id),
              quantity: l.quantity,
            })),
          },
        }),
    )
    await approved(c, 'quote', q.id, q.number, repToken, manager.id)
    return { id: q.id, number: q.number }
  })

  const contract = await once(c.ledger, `deal:${j}:contract`, async (resuming) => {
    const found = resuming
      ? (
          await c.call(await repToken(), ordersRoutes.listContracts, {
            query: { customerId: customer.customerId },
          })
        ).items[0]
      : undefined
    const k =
      found ??
      (await c.call(await repToken(), ordersRoutes.createContract, {
        body: {
          quoteId: String(quote.id),
          name: `${d.name.replace(/(股份|集团)?有限公司.*$/, '')}${['设备采购', '系统集成', '年度供货', '维保服务'][j % 4]}合同`,
          paymentMethod: 'transfer',
          prepayRatio: '30',
          retentionRatio: '0',
          warrantyMonths: 12,
          invoiceType: 'vat_special',
          invoiceTitle: d.name,
          invoiceTaxNumber:
            `91${String(330100 + (j % 900)).padStart(6, '0')}MA${String(j).padStart(8, '0')}`.slice(0, 18),
          consignee: d.contacts[0]!.name,
          consigneePhone: d.contacts[0]!.phone,
          deliveryAddress: d.address,
          signDate,
          startDate: signDate,
        },
      }))
    // A draft stays a draft; a pending one waits for its approver; the rest are approved.
    if (fate === 'pending' && k.status === 'draft')
      await c.call(await repToken(), ordersRoutes.submitContract, {
        params: { id: k.id },
        body: {},
        ifMatch: k.version,
      })
    else if (fate !== 'draft' && fate !== 'pending')
      await approved(c, 'contract', k.id, k.number, repToken, manager.id)
    return { id: k.id, number: k.number, total: k.total }
  })
  if (!atLeast(fate, 'ordered')) return

  const order = await once(c.ledger, `deal:${j}:order`, async (resuming) => {
    const token = await repToken()
    const k = await c.call(token, ordersRoutes.getContract, { params: { id: String(contract.id) } })
    let o = await findOr(
      resuming,
      async () =>
        (await c.call(token, ordersRoutes.listSalesOrders, { query: { contractId: k.id } })).items[0],
      () =>
        c.call(token, ordersRoutes.createSalesOrder, {
          body: {
            contractId: k.id,
            lines: k.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          },
        }),
    )
    if (o.status === 'pending')
      o = await c.call(token, ordersRoutes.confirmSalesOrder, { params: { id: o.id }, ifMatch: o.version })
    if (atLeast(fate, 'shipped') && (o.status === 'confirmed' || o.status === 'partially_shipped'))
      await c.call(token, ordersRoutes.createShipment, {
        params: { id: o.id },
        body: {
          courier: ['sf', 'zto', 'yto', 'jd'][j % 4]!,
          trackingNumber: `SF${o.number.replace(/\D/g, '')}${j}`,
          shippedDate: daysAgo(c.today, Math.max(1, signDaysAgo - 7)),
          items: o.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        },
      })
    return { id: o.id, number: o.number }
  })
  void order
  if (!atLeast(fate, 'partly_paid')) return

  await once(c.ledger, `deal:${j}:finance`, async () => {
    const clerk = () => c.tokenFor(c.people.clerk.id)
    let receivableId = ''
    await c.until(`finance to make the receivable of ${String(contract.number)}`, async () => {
      const page = await c.call(await clerk(), financeRoutes.listReceivables, {
        query: { contractId: String(contract.id) },
      })
      receivableId = page.items[0]?.id ?? ''
      return receivableId !== ''
    })
    const plan = await c.call(await clerk(), financeRoutes.getReceivablePlan, {
      params: { id: receivableId },
    })
    const due = plan.instalments.filter((i) => Number(i.remaining) > 0)
    // Partly paid: the prepayment only; otherwise every instalment, one payment each.
    const toPay = fate === 'partly_paid' ? due.slice(0, 1) : due
    for (const [n, instalment] of toPay.entries())
      await payInstalment(c, clerk, j, n, d.name, instalment, Math.max(1, signDaysAgo - 10 - n * 20))
    if (fate === 'invoiced')
      await invoice(c, clerk, j, d.name, receivableId, plan.receivable.total, signDaysAgo)
    return { receivableId }
  })
}

/** Submits the document if still a draft, approves it as the approver, and waits until its service has the decision. */
async function approved(
  c: StepContext,
  kind: 'quote' | 'contract',
  id: string,
  number: string,
  repToken: () => Promise<string>,
  approverId: string,
) {
  const read = async () =>
    kind === 'quote'
      ? c.call(await repToken(), ordersRoutes.getQuote, { params: { id } })
      : c.call(await repToken(), ordersRoutes.getContract, { params: { id } })
  let doc = await read()
  if (doc.status === 'draft')
    doc =
      kind === 'quote'
        ? await c.call(await repToken(), ordersRoutes.submitQuote, { params: { id }, ifMatch: doc.version })
        : await c.call(await repToken(), ordersRoutes.submitContract, {
            params: { id },
            body: {},
            ifMatch: doc.version,
          })
  if (doc.status === 'pending') await c.approve(number, approverId)
  await c.until(`${kind} ${number} approved`, async () => (await read()).status === 'approved')
}

async function payInstalment(
  c: StepContext,
  clerk: () => Promise<string>,
  j: number,
  n: number,
  payer: string,
  instalment: finance.Instalment,
  paidDaysAgo: number,
) {
  // The key makes the recording itself idempotent: a retry replays the first answer.
  const payment = await c.call(await clerk(), financeRoutes.createPayment, {
    idempotencyKey: `demo-deal-${j}-payment-${n}`,
    body: {
      receivableId: instalment.receivableId,
      amount: instalment.remaining,
      paidOn: daysAgo(c.today, paidDaysAgo),
      method: 'transfer',
      payer,
      reference: `DEMO${String(j).padStart(5, '0')}${n}`,
    },
  })
  let current = payment
  await c.until(`payment ${payment.number} confirmed`, async () => {
    current = await c.call(await clerk(), financeRoutes.getPayment, { params: { id: payment.id } })
    return current.status === 'confirmed'
  })
  const written = await c.call(await clerk(), financeRoutes.listWriteoffs, {
    query: { paymentId: payment.id },
  })
  if (written.length === 0)
    await c.call(await clerk(), financeRoutes.writeOffPayment, {
      params: { id: payment.id },
      body: { allocations: [{ instalmentId: instalment.id, amount: instalment.remaining }] },
      ifMatch: current.version,
    })
}

async function invoice(
  c: StepContext,
  clerk: () => Promise<string>,
  j: number,
  title: string,
  receivableId: string,
  total: string,
  signDaysAgo: number,
) {
  const listed = await c.call(await clerk(), financeRoutes.listInvoices, { query: { receivableId } })
  const inv =
    listed.items[0] ??
    (await c.call(await clerk(), financeRoutes.createInvoice, {
      body: { receivableId, type: 'vat_special', title, taxNumber: null, amount: total },
    }))
  if (inv.status === 'requested')
    await c.call(await clerk(), financeRoutes.issueInvoice, {
      params: { id: inv.id },
      body: {
        invoiceNumber: String(31_000_000 + j),
        issueDate: daysAgo(c.today, Math.max(1, signDaysAgo - 15)),
      },
      ifMatch: inv.version,
    })
}

// ── the service desk: tickets in every state, portal accounts ────────────────────────────────

const TICKET_TEMPLATES = [
  { type: 'repair', title: '设备运行异常，需要上门检修', priority: 'high' },
  { type: 'consult', title: '咨询产品操作与保养方法', priority: 'low' },
  { type: 'complaint', title: '到货延迟，希望加快处理', priority: 'medium' },
  { type: 'repair', title: '控制面板报警，无法正常启动', priority: 'urgent' },
  { type: 'suggestion', title: '建议增加远程监控功能', priority: 'low' },
  { type: 'consult', title: '发票信息确认', priority: 'medium' },
] as const

export function ticketCount(customers: number) {
  return Math.max(TICKET_FATES.length, Math.round(customers / 20))
}

export async function makeTicket(c: StepContext, t: number, dealCustomerIndexes: number[]) {
  const d = c.customers[dealCustomerIndexes[t % dealCustomerIndexes.length]!]!
  const customer = await makeCustomer(c, d)
  const agent = c.people.agents[t % c.people.agents.length]!
  const template = TICKET_TEMPLATES[t % TICKET_TEMPLATES.length]!
  const fate = TICKET_FATES[t % TICKET_FATES.length]!
  const title = `${template.title}（${String(t + 1).padStart(4, '0')}）`
  await once(c.ledger, `ticket:${t}`, async (resuming) => {
    const token = await c.tokenFor(agent.id)
    let ticket = await findOr(
      resuming,
      async () =>
        (
          await c.call(token, ticketsRoutes.listTickets, {
            query: { customerId: customer.customerId, q: title },
          })
        ).items.find((x) => x.title === title),
      () =>
        c.call(token, ticketsRoutes.createTicket, {
          body: {
            type: template.type,
            priority: template.priority,
            channel: (['phone', 'email', 'wechat', 'onsite'] as const)[t % 4],
            customerId: customer.customerId,
            contactId: customer.contactIds[0] ?? null,
            title,
            description: `${d.contacts[0]!.name}来电反映：${template.title}。`,
          },
        }),
    )
    // Each move once: only while the ticket is short of it and its fate goes that far.
    const rank = (status: string) => tickets.TICKET_STATUSES.indexOf(status as tickets.TicketStatus)
    const step = async (status: tickets.TicketStatus, run: () => Promise<typeof ticket>) => {
      if (rank(fate) >= rank(status) && rank(ticket.status) < rank(status)) ticket = await run()
    }
    if (fate === 'new') return { id: ticket.id }
    if (ticket.status === 'new')
      ticket = await c.call(token, ticketsRoutes.assignTicket, {
        params: { id: ticket.id },
        body: { assigneeId: agent.id },
        ifMatch: ticket.version,
      })
    await step('in_progress', () =>
      c.call(token, ticketsRoutes.processTicket, {
        params: { id: ticket.id },
        body: { note: '已联系客户，安排工程师跟进处理', status: 'in_progress' },
        ifMatch: ticket.version,
      }),
    )
    await step('resolved', () =>
      c.call(token, ticketsRoutes.resolveTicket, {
        params: { id: ticket.id },
        body: { resolution: '工程师已处理完毕，设备恢复正常' },
        ifMatch: ticket.version,
      }),
    )
    if (fate === 'closed' && ticket.status === 'resolved') {
      ticket = await c.call(token, ticketsRoutes.recordTicketFeedback, {
        params: { id: ticket.id },
        body: { satisfaction: 4 + (t % 2), feedback: '处理及时，服务满意' },
        ifMatch: ticket.version,
      })
      ticket = await c.call(token, ticketsRoutes.closeTicket, {
        params: { id: ticket.id },
        body: { note: '客户确认解决' },
        ifMatch: ticket.version,
      })
    }
    return { id: ticket.id }
  })
}

/** A portal account (客户账号) for the first contact of every other deal's customer. */
export async function makePortalAccount(c: StepContext, customerIndex: number) {
  const d = c.customers[customerIndex]!
  const customer = await makeCustomer(c, d)
  const agent = c.people.agents[0]!
  const account = `kh${String(customerIndex).padStart(4, '0')}`
  await once(c.ledger, `portal:${customerIndex}`, async (resuming) => {
    const token = await c.tokenFor(agent.id)
    const made = await findOr(
      resuming,
      async () =>
        (await c.call(token, ticketsRoutes.listPortalAccounts, { query: { q: account } })).items.find(
          (x) => x.account === account,
        ),
      () =>
        c.call(token, ticketsRoutes.createPortalAccount, {
          body: {
            customerId: customer.customerId,
            contactId: customer.contactIds[0]!,
            account,
            password: DEMO_PASSWORD,
            displayName: d.contacts[0]!.name,
          },
        }),
    )
    return { id: made.id }
  })
}
