import type { admin, orders, sales } from '@mosaic/schemas'
import { apiLogin, createCustomer, until, type ApiSession, type SalesTeam, type TeamMember } from './api.js'
import { businessToday } from './time-zone.js'

/** As the team's administrator: a user of the department holding one built-in role, signed in. */
export async function createMember(team: SalesTeam, key: string, displayName: string, roleCode: string) {
  const roles = await team.admin.json<{ items: admin.Role[] }>('GET', '/api/admin/roles?limit=100')
  const role = roles.items.find((r) => r.code === roleCode)
  if (!role) throw new Error(`built-in role ${roleCode} is missing`)
  const username = `${key}.${team.tag}`
  const password = `pw-${team.tag}-${key}`
  const created = await team.admin.json<admin.User>('POST', '/api/admin/users', {
    username,
    displayName,
    password,
    deptId: team.deptId,
    roleIds: [role.id],
  })
  const member: TeamMember = { id: created.id, username, password, displayName }
  return { member, api: await apiLogin(username, password) }
}

/** Makes `leader` the head of the team's department (the default contract flow's approver). */
export async function leadDepartment(team: SalesTeam, leader: TeamMember) {
  const dept = await team.admin.json<admin.Dept>('GET', `/api/admin/depts/${team.deptId}`)
  await team.admin.json('PATCH', `/api/admin/depts/${team.deptId}`, { leaderUserId: leader.id }, dept.version)
}

/** Approves, as `approver`, the open task on document `number` once the engine has made it. */
export async function approveTask(approver: ApiSession, number: string, comment = '同意') {
  let task: admin.ApprovalTask | undefined
  await until(`an approval task for ${number}`, async () => {
    const page = await approver.json<{ items: admin.ApprovalTask[] }>(
      'GET',
      `/api/admin/approvals/tasks?box=todo&q=${encodeURIComponent(number)}`,
    )
    task = page.items.find((t) => t.docNumber === number)
    return task !== undefined
  })
  await approver.json('POST', `/api/admin/approvals/tasks/${task!.id}/approve`, { comment })
}

export interface ContractInForce {
  customer: sales.Customer
  product: orders.Product
  contract: orders.Contract
}

/**
 * The rep's customer signs a contract of `quantity` × `price` (tax included) with the given
 * prepayment and retention ratios; the rep submits it and the department head approves it; waits
 * until orders has it in force.
 */
export async function contractInForce(
  team: SalesTeam,
  rep: ApiSession,
  head: ApiSession,
  o: {
    customer: string
    product: string
    code: string
    contract: string
    quantity: string
    price: string
    prepayRatio: string
    retentionRatio: string
  },
): Promise<ContractInForce> {
  const product = await team.admin.json<orders.Product>('POST', '/api/orders/products', {
    code: o.code,
    name: o.product,
    unit: 'set',
    referencePrice: o.price,
    taxRate: '13',
  })
  const { customer } = await createCustomer(rep, o.customer, { contacts: ['财务联系人'] })
  const draft = await rep.json<orders.Contract>('POST', '/api/orders/contracts', {
    name: o.contract,
    customerId: customer.id,
    paymentMethod: 'transfer',
    prepayRatio: o.prepayRatio,
    retentionRatio: o.retentionRatio,
    warrantyMonths: 12,
    invoiceType: 'vat_special',
    invoiceTitle: o.customer,
    invoiceTaxNumber: '91330100MA2H000001',
    signDate: businessToday(),
    startDate: businessToday(),
    lines: [{ productId: product.id, quantity: o.quantity, unitPrice: o.price }],
  })
  const submitted = await rep.json<orders.Contract>(
    'POST',
    `/api/orders/contracts/${draft.id}/submit`,
    {},
    draft.version,
  )
  await approveTask(head, submitted.number)
  let contract = submitted
  await until(`contract ${submitted.number} in force`, async () => {
    contract = await rep.json<orders.Contract>('GET', `/api/orders/contracts/${draft.id}`)
    return contract.status === 'approved'
  })
  return { customer, product, contract }
}

/** An order of the whole contract, confirmed, and shipped in full by `shipper`. */
export async function shippedOrder(
  rep: ApiSession,
  shipper: ApiSession,
  c: ContractInForce,
  quantity: string,
) {
  const created = await rep.json<orders.SalesOrder>('POST', '/api/orders/sales-orders', {
    contractId: c.contract.id,
    lines: [{ productId: c.product.id, quantity }],
  })
  const confirmed = await rep.json<orders.SalesOrder>(
    'POST',
    `/api/orders/sales-orders/${created.id}/confirm`,
    undefined,
    created.version,
  )
  await shipper.json('POST', `/api/orders/sales-orders/${created.id}/shipments`, {
    courier: 'sf',
    trackingNumber: `SF${created.number}`,
    shippedDate: businessToday(),
    items: [{ productId: c.product.id, quantity }],
  })
  void confirmed
  return rep.json<orders.SalesOrder>('GET', `/api/orders/sales-orders/${created.id}`)
}
