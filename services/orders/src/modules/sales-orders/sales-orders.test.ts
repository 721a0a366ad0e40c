import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { admin, formatProblem } from '@mosaic/schemas'
import { upsertRuleReplica } from '@mosaic/service-kit'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { decideApproval } from '../../test-support/approvals.js'
import { ACME } from '../../test-support/fake-sales.js'
import { reportReceivable } from '../../test-support/finance.js'
import { ALL_ORDERS } from '../../test-support/harness.js'
import { addProduct, EAST, ordersSuite, READER, REPS } from '../../test-support/suite.js'

const SECRET = 'sales-orders-test-secret-0123456789abcdef'

describe('sales orders', () => {
  const s = ordersSuite(SECRET, {
    ...REPS,
    eastBoss: { ...REPS.eastBoss, roles: ['sales_manager'] },
    admin: { ...REPS.admin, roles: ['super_admin'] },
    reader: READER,
    noReopen: {
      username: 'no-reopen',
      deptIds: [EAST],
      dataScope: 'dept',
      permissions: ALL_ORDERS.filter((p) => p !== 'orders.order.reopen'),
    },
  })
  let bolt: { id: string }
  let cable: { id: string }
  let spare: { id: string }

  beforeAll(async () => {
    bolt = await addProduct(s, 'O-BOLT', '0.35', '13')
    cable = await addProduct(s, 'O-CABLE', '1000', '13')
    spare = await addProduct(s, 'O-SPARE', '10', '6')
  })

  const db = () => s.h.service.db.dataSource
  const call = (method: string, path: string, token: string, body?: unknown, version?: number) =>
    s.h.call(method, path, { token, body, version })

  /** A contract brought into force: drafted with `lines`, submitted and approved. */
  async function inForce(
    lines: Array<{ productId: string; quantity: string; unitPrice?: string }>,
    token = s.east.token,
  ) {
    const draft = await call('POST', '/contracts', token, {
      name: '设备采购',
      customerId: ACME.id,
      consignee: '李四',
      consigneePhone: '13900000000',
      deliveryAddress: '上海市浦东新区 1 号',
      deliveryDate: '2027-01-15',
      lines,
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const sent = await call('POST', `/contracts/${draft.body.id}/submit`, token, {}, draft.body.version)
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    await decideApproval(s.h, s.admin, 'contract', draft.body.id, 'approved')
    const res = await call('GET', `/contracts/${draft.body.id}`, token)
    expect(res.body.status).toBe('approved')
    return res.body as { id: string; number: string; name: string; total: string; version: number }
  }
  /** Finance reports the contract collected (and invoiced) in full. */
  const paidInFull = (contract: { id: string; number: string; total: string }) =>
    reportReceivable(s.h, SECRET, contract, { received: contract.total })

  const order = (contractId: string, lines?: unknown, token = s.east.token, extra: object = {}) =>
    call('POST', '/sales-orders', token, { contractId, ...(lines ? { lines } : {}), ...extra })
  const get = (id: string, token = s.east.token) => call('GET', `/sales-orders/${id}`, token)
  const act = async (id: string, verb: string, body?: unknown, token = s.east.token) => {
    const current = await get(id, s.admin.token)
    return call('POST', `/sales-orders/${id}/${verb}`, token, body, current.body.version)
  }
  const ship = (id: string, items: unknown, token = s.east.token, extra: object = {}) =>
    call('POST', `/sales-orders/${id}/shipments`, token, {
      courier: 'sf',
      trackingNumber: `SF${Math.floor(Math.random() * 1e9)}`,
      shippedDate: '2027-01-10',
      items,
      ...extra,
    })
  const auditOf = async (id: string) =>
    (
      (await db().query(
        `SELECT action, note FROM audit_log WHERE entity_type = 'sales_order' AND entity_id = $1 ORDER BY at, id`,
        [id],
      )) as Array<{ action: string; note: string | null }>
    ).map((a) => a.action)
  const setRule = (version: number, values: Partial<admin.ClosureRuleValues>) =>
    s.h.service.db.transaction((m) =>
      upsertRuleReplica(m, 'closure', 'order', version, { ...admin.DEFAULT_CLOSURE_RULES.order, ...values }),
    )

  it('is created only from an approved contract, copying the contract, customer, delivery and priced lines', async () => {
    const draft = await call('POST', '/contracts', s.east.token, {
      name: '草稿合同',
      customerId: ACME.id,
      lines: [{ productId: cable.id, quantity: '2' }],
    })
    const fromDraft = await order(draft.body.id, [{ productId: cable.id, quantity: '1' }])
    expect(fieldCodes(fromDraft)).toEqual({ contractId: 'orders.order.contract_not_approved' })
    expect(fromDraft.status).toBe(400)
    expect(fieldCodes(await order(randomUUID()))).toEqual({ contractId: 'orders.order.contract_unknown' })

    const contract = await inForce([
      { productId: cable.id, quantity: '3', unitPrice: '1130.00' },
      { productId: bolt.id, quantity: '100' },
    ])
    // Another rep cannot order on a contract they cannot see.
    expect(fieldCodes(await order(contract.id, undefined, s.west.token))).toEqual({
      contractId: 'orders.order.contract_unknown',
    })

    const res = await order(contract.id, [{ productId: cable.id, quantity: '2' }], s.east.token, {
      remark: '先发两台',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.number).toMatch(/^DD\d{8}\d{4}$/)
    expect(res.body).toMatchObject({
      status: 'pending',
      contractId: contract.id,
      contractNumber: contract.number,
      contractName: '设备采购',
      customerId: ACME.id,
      customerName: ACME.name,
      ownerId: s.east.id,
      consignee: '李四',
      consigneePhone: '13900000000',
      deliveryAddress: '上海市浦东新区 1 号',
      deliveryDate: '2027-01-15',
      remark: '先发两台',
      shippedPercent: 0,
      locked: false,
    })
    // Tax-included: 2 × 1130.00 = 2260.00, the 13% inside it 260.00, net 2000.00.
    expect(res.body.lines).toEqual([
      expect.objectContaining({
        productId: cable.id,
        quantity: '2.0000',
        unitPrice: '1130.00',
        taxRate: '13.00',
        net: '2000.00',
        tax: '260.00',
        total: '2260.00',
        shippedQuantity: '0.0000',
      }),
    ])
    expect(res.body).toMatchObject({ subtotal: '2000.00', taxTotal: '260.00', total: '2260.00' })

    // Without lines: what is left of each product; the remaining view says the same.
    const left = await call('GET', `/sales-orders/contracts/${contract.id}/remaining`, s.east.token)
    expect(left.body.lines).toEqual([
      expect.objectContaining({
        productId: cable.id,
        contracted: '3.0000',
        ordered: '2.0000',
        remaining: '1.0000',
      }),
      expect.objectContaining({
        productId: bolt.id,
        contracted: '100.0000',
        ordered: '0.0000',
        remaining: '100.0000',
      }),
    ])
    const rest = await order(contract.id)
    expect(rest.status, JSON.stringify(rest.body)).toBe(201)
    expect(rest.body.lines.map((l: { quantity: string }) => l.quantity)).toEqual(['1.0000', '100.0000'])
    expect(fieldCodes(await order(contract.id))).toEqual({ lines: 'orders.order.nothing_left' })
  })

  it('refuses lines beyond the contract, naming what is left per line; products of the contract, once each', async () => {
    const contract = await inForce([
      { productId: cable.id, quantity: '5' },
      { productId: bolt.id, quantity: '10' },
    ])
    expect((await order(contract.id, [{ productId: cable.id, quantity: '3' }])).status).toBe(201)
    const over = await order(contract.id, [
      { productId: bolt.id, quantity: '10' },
      { productId: cable.id, quantity: '2.5' },
    ])
    const problem = expectProblem(over, 400)
    expect(fieldCodes(over)).toEqual({ 'lines.1.quantity': 'orders.order.quantity_exceeds' })
    const error = problem.errors!.find((e) => e.field === 'lines.1.quantity') as unknown as {
      params: Record<string, string>
    }
    expect(error.params).toEqual({ product: '产品 O-CABLE', remaining: '2' })
    expect(formatProblem('orders.order.quantity_exceeds', error.params, 'zh-CN')).toContain('最多还可下单 2')

    const wrong = await order(contract.id, [
      { productId: spare.id, quantity: '1' },
      { productId: bolt.id, quantity: '1' },
      { productId: bolt.id, quantity: '1' },
    ])
    expect(fieldCodes(wrong)).toEqual({
      'lines.0.productId': 'orders.order.product_not_in_contract',
      'lines.2.productId': 'orders.order.product_repeated',
    })
  })

  it('never exceeds the contract under 20 concurrent creations: exactly the allowed number succeed', async () => {
    const contract = await inForce([{ productId: cable.id, quantity: '7' }])
    const results = await Promise.all(
      Array.from({ length: 20 }, () => order(contract.id, [{ productId: cable.id, quantity: '1' }])),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((st) => st === 201)).toHaveLength(7)
    expect(statuses.filter((st) => st === 400)).toHaveLength(13)
    for (const refused of results.filter((r) => r.status === 400))
      expect(fieldCodes(refused)).toEqual({ 'lines.0.quantity': 'orders.order.quantity_exceeds' })
    const [{ sum }] = await db().query(
      `SELECT sum((l->>'quantity')::numeric)::text AS sum FROM sales_order o, jsonb_array_elements(o.lines) l
        WHERE o.contract_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled'`,
      [contract.id],
    )
    expect(Number(sum)).toBe(7)
  })

  it('keeps the cap on edits of quantities; lines are fixed once shipping starts; cancelled orders free their quantity', async () => {
    const contract = await inForce([{ productId: cable.id, quantity: '4' }])
    const a = (await order(contract.id, [{ productId: cable.id, quantity: '2' }])).body
    const b = (await order(contract.id, [{ productId: cable.id, quantity: '2' }])).body
    const grow = await call(
      'PATCH',
      `/sales-orders/${a.id}`,
      s.east.token,
      {
        lines: [{ productId: cable.id, quantity: '3' }],
      },
      a.version,
    )
    expect(fieldCodes(grow)).toEqual({ 'lines.0.quantity': 'orders.order.quantity_exceeds' })
    // Its own quantity does not count against it.
    const same = await call(
      'PATCH',
      `/sales-orders/${a.id}`,
      s.east.token,
      {
        lines: [{ productId: cable.id, quantity: '2' }],
        consignee: '王五',
      },
      a.version,
    )
    expect(same.status, JSON.stringify(same.body)).toBe(200)
    expect(same.body.consignee).toBe('王五')

    const cancelled = await act(b.id, 'cancel', { reason: '客户改期' })
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '客户改期' })
    const grown = await call(
      'PATCH',
      `/sales-orders/${a.id}`,
      s.east.token,
      {
        lines: [{ productId: cable.id, quantity: '4' }],
      },
      same.body.version,
    )
    expect(grown.status, JSON.stringify(grown.body)).toBe(200)
    expect(grown.body.total).toBe('4520.00')
    expect(
      expectProblem(
        await call('PATCH', `/sales-orders/${b.id}`, s.east.token, { remark: 'x' }, cancelled.body.version),
        409,
      ).code,
    ).toBe('orders.order.not_editable')

    expect((await act(a.id, 'confirm')).body.status).toBe('confirmed')
    expect((await ship(a.id, [{ productId: cable.id, quantity: '1' }])).status).toBe(201)
    const locked = await get(a.id)
    const edit = await call(
      'PATCH',
      `/sales-orders/${a.id}`,
      s.east.token,
      {
        lines: [{ productId: cable.id, quantity: '3' }],
      },
      locked.body.version,
    )
    expect(expectProblem(edit, 409).code).toBe('orders.order.lines_locked')
    expect(expectProblem(await act(a.id, 'cancel', { reason: '不要了' }), 409).code).toBe(
      'orders.order.not_cancellable',
    )
    expect(await auditOf(a.id)).toEqual(['create', 'update', 'update', 'advance', 'ship'])
  })

  it('ships within what is left, moving the order to partially shipped and shipped with progress per line', async () => {
    const contract = await inForce([
      { productId: cable.id, quantity: '4' },
      { productId: bolt.id, quantity: '6' },
    ])
    const o = (await order(contract.id)).body
    expect(expectProblem(await ship(o.id, [{ productId: cable.id, quantity: '1' }]), 409).code).toBe(
      'orders.order.not_shippable',
    )
    await act(o.id, 'confirm')

    const bad = await ship(
      o.id,
      [
        { productId: cable.id, quantity: '5' },
        { productId: spare.id, quantity: '1' },
      ],
      s.east.token,
      { courier: 'pigeon' },
    )
    expect(fieldCodes(bad)).toMatchObject({ courier: expect.any(String) })
    const over = await ship(o.id, [
      { productId: cable.id, quantity: '5' },
      { productId: spare.id, quantity: '1' },
    ])
    expect(fieldCodes(over)).toEqual({
      'items.0.quantity': 'orders.shipment.exceeds',
      'items.1.productId': 'orders.shipment.line_unknown',
    })

    const first = await ship(
      o.id,
      [
        { productId: cable.id, quantity: '2' },
        { productId: bolt.id, quantity: '3' },
      ],
      s.east.token,
      { trackingNumber: 'SF1001' },
    )
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({
      status: 'in_transit',
      courier: 'sf',
      trackingNumber: 'SF1001',
      shippedDate: '2027-01-10',
    })
    let now = (await get(o.id)).body
    expect(now.status).toBe('partially_shipped')
    expect(now.shippedPercent).toBe(50)
    expect(now.lines.map((l: { shippedQuantity: string }) => l.shippedQuantity)).toEqual(['2.0000', '3.0000'])

    // What is left after the first shipment is the cap of the next one.
    const left = await ship(o.id, [{ productId: cable.id, quantity: '2.5' }])
    expect(left.body.errors[0].params).toEqual({ product: '产品 O-CABLE', remaining: '2' })

    // Two concurrent shipments of everything left: the order's lock lets only one through.
    const racing = await Promise.all([
      ship(o.id, [
        { productId: cable.id, quantity: '2' },
        { productId: bolt.id, quantity: '3' },
      ]),
      ship(o.id, [
        { productId: cable.id, quantity: '2' },
        { productId: bolt.id, quantity: '3' },
      ]),
    ])
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409])
    now = (await get(o.id)).body
    expect(now).toMatchObject({ status: 'shipped', shippedPercent: 100 })
    const events = await db().query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.order.shipped' AND payload->>'id' = $1`,
      [o.id],
    )
    expect(events).toHaveLength(1)
    expect(events[0].payload).toMatchObject({ number: o.number, contractId: contract.id, total: o.total })

    // Cancelling a shipment in transit gives its quantities back; a delivered one stays.
    const list = await call('GET', `/sales-orders/${o.id}/shipments`, s.east.token)
    expect(list.body).toHaveLength(2)
    const delivered = await call(
      'POST',
      `/sales-orders/${o.id}/shipments/${list.body[0].id}/deliver`,
      s.east.token,
    )
    expect(delivered.body.status).toBe('delivered')
    expect(delivered.body.deliveredAt).toEqual(expect.any(String))
    expect(
      expectProblem(
        await call('POST', `/sales-orders/${o.id}/shipments/${list.body[0].id}/cancel`, s.east.token),
        409,
      ).code,
    ).toBe('orders.shipment.not_in_transit')
    const undone = await call(
      'POST',
      `/sales-orders/${o.id}/shipments/${list.body[1].id}/cancel`,
      s.east.token,
    )
    expect(undone.body.status).toBe('cancelled')
    now = (await get(o.id)).body
    expect(now).toMatchObject({ status: 'partially_shipped', shippedPercent: 50 })
    expect(
      expectProblem(
        await call('POST', `/sales-orders/${o.id}/shipments/${randomUUID()}/deliver`, s.east.token),
        404,
      ).code,
    ).toBe('orders.shipment.not_found')
  })

  it('closes (结单) only when fully shipped, with the rule’s required fields; each unmet condition in words', async () => {
    const contract = await inForce([{ productId: cable.id, quantity: '2' }])
    await paidInFull(contract)
    const o = (await order(contract.id)).body
    await act(o.id, 'confirm')
    await ship(o.id, [{ productId: cable.id, quantity: '1' }])
    const terms = () => s.h.call('GET', '/sales-orders/closing', { token: s.east.token })
    expect((await terms()).body).toEqual({ approvalRequired: false, requiredFields: [] })
    // Whoever may not read orders learns nothing of the rule.
    const noOrders = (await s.h.user('closing-nobody', { permissions: ['orders.product.read'] })).token
    expectProblem(await s.h.call('GET', '/sales-orders/closing', { token: noOrders }), 403)
    await setRule(2, { requiredFields: ['closeNote', 'closeDate'] })
    // The close dialog reads what the rule asks before sending.
    expect((await terms()).body).toEqual({
      approvalRequired: false,
      requiredFields: ['closeNote', 'closeDate'],
    })

    const early = await act(o.id, 'close', {})
    expectProblem(early, 400)
    expect(fieldCodes(early)).toEqual({
      closeNote: 'required',
      closeDate: 'required',
      '(body)': 'orders.order.not_fully_shipped',
    })
    const unmet = early.body.errors.find((e: { field: string }) => e.field === '(body)')
    expect(formatProblem(unmet.code, unmet.params, 'zh-CN')).toBe('订单尚未全部发货（已发货 50%）')
    expect(formatProblem(unmet.code, unmet.params, 'en')).toBe(
      'The order is not fully shipped (50% shipped).',
    )

    await ship(o.id, [{ productId: cable.id, quantity: '1' }])
    const missing = await act(o.id, 'close', { closeNote: ' ' })
    expect(fieldCodes(missing)).toEqual({ closeNote: 'required', closeDate: 'required' })
    const closed = await act(o.id, 'close', { closeNote: '全部交付', closeDate: '2027-02-01' })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    expect(closed.body).toMatchObject({
      status: 'completed',
      closeNote: '全部交付',
      closeDate: '2027-02-01',
      closedBy: expect.any(String),
      locked: true,
    })
    expect(
      expectProblem(await act(o.id, 'close', { closeNote: 'x', closeDate: '2027-02-01' }), 409).code,
    ).toBe('orders.order.already_closed')
    const events = await db().query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.order.closed' AND payload->>'id' = $1`,
      [o.id],
    )
    expect(events[0].payload).toMatchObject({
      closeDate: '2027-02-01',
      closeNote: '全部交付',
      total: o.total,
    })

    // Locked: the owner may not change it, nor ship or cancel; the rule's modify role (super_admin) may.
    const refused = await call(
      'PATCH',
      `/sales-orders/${o.id}`,
      s.east.token,
      { remark: '补充' },
      closed.body.version,
    )
    expect(expectProblem(refused, 409).code).toBe('orders.order.closed_locked')
    expect(expectProblem(await ship(o.id, [{ productId: cable.id, quantity: '1' }]), 409).code).toBe(
      'orders.order.not_shippable',
    )
    const byAdmin = await call(
      'PATCH',
      `/sales-orders/${o.id}`,
      s.admin.token,
      { remark: '补充' },
      closed.body.version,
    )
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200)
    expect(byAdmin.body.remark).toBe('补充')
    await setRule(3, {})
  })

  it('reopens a closed order only with the permission, the rule’s roles and within its days; audited', async () => {
    const contract = await inForce([{ productId: bolt.id, quantity: '3' }])
    await paidInFull(contract)
    const o = (await order(contract.id)).body
    await act(o.id, 'confirm')
    await ship(o.id, [{ productId: bolt.id, quantity: '3' }])
    expect(expectProblem(await act(o.id, 'reopen', { reason: '补发' }), 409).code).toBe(
      'orders.order.not_closed',
    )
    expect((await act(o.id, 'close', {})).body.status).toBe('completed')

    const noPermission = await act(o.id, 'reopen', { reason: '补发' }, s.noReopen.token)
    expectProblem(noPermission, 403)
    await setRule(4, { reopenRoles: ['sales_manager'] })
    expect(expectProblem(await act(o.id, 'reopen', { reason: '补发' }), 403).code).toBe(
      'closure.reopen_roles',
    )
    await db().query(`UPDATE sales_order SET closed_at = now() - interval '31 days' WHERE id = $1`, [o.id])
    expect(expectProblem(await act(o.id, 'reopen', { reason: '补发' }, s.eastBoss.token), 403).code).toBe(
      'closure.reopen_window',
    )
    await db().query(`UPDATE sales_order SET closed_at = now() WHERE id = $1`, [o.id])
    expect(fieldCodes(await act(o.id, 'reopen', {}, s.eastBoss.token))).toEqual({
      reason: expect.any(String),
    })
    const reopened = await act(o.id, 'reopen', { reason: '客户要求补发' }, s.eastBoss.token)
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'shipped', closedAt: null, locked: false })
    const trail = await db().query(
      `SELECT action, note FROM audit_log WHERE entity_type = 'sales_order' AND entity_id = $1 AND action IN ('close', 'reopen') ORDER BY at`,
      [o.id],
    )
    expect(trail).toEqual([
      { action: 'close', note: null },
      { action: 'reopen', note: '客户要求补发' },
    ])
    await setRule(5, {})
  })

  it('closing waits for approval when the rule says so: locked meanwhile; approved closes as asked, rejected/withdrawn go back', async () => {
    await setRule(6, { approvalRequired: true, requiredFields: [] })
    const terms = await s.h.call('GET', '/sales-orders/closing', { token: s.east.token })
    expect(terms.body).toEqual({ approvalRequired: true, requiredFields: [] })
    const shippedOrder = async () => {
      const contract = await inForce([{ productId: bolt.id, quantity: '2' }])
      await paidInFull(contract)
      const o = (await order(contract.id)).body
      await act(o.id, 'confirm')
      expect((await ship(o.id, [{ productId: bolt.id, quantity: '2' }])).status).toBe(201)
      return o as { id: string; number: string; total: string }
    }
    const o = await shippedOrder()
    const waiting = await act(o.id, 'close', { closeNote: '全部交付', closeDate: '2027-02-01' })
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200)
    expect(waiting.body).toMatchObject({ status: 'closing', closedAt: null, closeNote: null, locked: false })
    const [requested] = await db().query(
      `SELECT payload FROM outbox_event WHERE topic = 'orders.approval.requested' AND payload->>'docId' = $1`,
      [o.id],
    )
    expect(requested.payload).toMatchObject({
      docType: 'closure',
      docNumber: o.number,
      amount: o.total,
      link: `/sales/orders?open=${o.id}`,
      ownerId: s.east.id,
      comment: '全部交付',
    })
    // No close yet: no event, and the order is locked while it waits.
    const closedEvents = () =>
      db().query(`SELECT 1 FROM outbox_event WHERE topic = 'orders.order.closed' AND payload->>'id' = $1`, [
        o.id,
      ])
    expect(await closedEvents()).toHaveLength(0)
    const version = waiting.body.version
    for (const refused of [
      await call('PATCH', `/sales-orders/${o.id}`, s.east.token, { remark: '补充' }, version),
      await act(o.id, 'close', { closeNote: 'x' }),
      await ship(o.id, [{ productId: bolt.id, quantity: '1' }]),
    ])
      expect(expectProblem(refused, 409).code).toBe('record.awaiting_approval')
    expect(expectProblem(await act(o.id, 'reopen', { reason: '补发' }, s.eastBoss.token), 409).code).toBe(
      'orders.order.not_closed',
    )
    const [shipment] = (await call('GET', `/sales-orders/${o.id}/shipments`, s.east.token)).body
    expect(
      expectProblem(
        await call('POST', `/sales-orders/${o.id}/shipments/${shipment.id}/cancel`, s.east.token),
        409,
      ).code,
    ).toBe('record.awaiting_approval')

    // Approved: closed exactly as a direct close would, as the requester's, once.
    await decideApproval(s.h, s.admin, 'closure', o.id, 'approved')
    const closed = (await get(o.id)).body
    expect(closed).toMatchObject({
      status: 'completed',
      closeNote: '全部交付',
      closeDate: '2027-02-01',
      closedBy: 'east-rep',
      locked: true,
    })
    expect(await closedEvents()).toHaveLength(1)
    await decideApproval(s.h, s.admin, 'closure', o.id, 'approved')
    expect(await closedEvents()).toHaveLength(1)
    expect((await auditOf(o.id)).slice(-3)).toEqual(['submit', 'approve', 'close'])

    // Rejected, then withdrawn: shipped again with nothing closed; it may be asked again.
    const other = await shippedOrder()
    await act(other.id, 'close', { closeNote: '试结' })
    await decideApproval(s.h, s.admin, 'closure', other.id, 'rejected')
    expect((await get(other.id)).body).toMatchObject({ status: 'shipped', closedAt: null, closeNote: null })
    expect((await act(other.id, 'close', {})).body.status).toBe('closing')
    await decideApproval(s.h, s.east, 'closure', other.id, 'withdrawn')
    expect((await get(other.id)).body.status).toBe('shipped')
    expect((await auditOf(other.id)).slice(-4)).toEqual(['submit', 'reject', 'submit', 'withdraw'])

    // Without approvalRequired, a close is direct again.
    await setRule(7, {})
    expect((await act(other.id, 'close', {})).body.status).toBe('completed')
  })

  it('deletes only pending or cancelled orders without shipments, to the recycle bin; a restore keeps the cap', async () => {
    const contract = await inForce([{ productId: cable.id, quantity: '2' }])
    const a = (await order(contract.id, [{ productId: cable.id, quantity: '2' }])).body
    await act(a.id, 'confirm')
    const confirmed = await get(a.id)
    expect(
      expectProblem(
        await call('DELETE', `/sales-orders/${a.id}`, s.east.token, undefined, confirmed.body.version),
        409,
      ).code,
    ).toBe('orders.order.not_deletable')
    const cancelled = await act(a.id, 'cancel', { reason: '重复下单' })
    const gone = await call(
      'DELETE',
      `/sales-orders/${a.id}`,
      s.east.token,
      undefined,
      cancelled.body.version,
    )
    expect(gone.status, JSON.stringify(gone.body)).toBe(204)
    expect((await get(a.id)).status).toBe(404)

    // A pending order deleted, its quantity taken by another, cannot come back over the cap.
    const b = (await order(contract.id, [{ productId: cable.id, quantity: '2' }])).body
    expect((await call('DELETE', `/sales-orders/${b.id}`, s.east.token, undefined, b.version)).status).toBe(
      204,
    )
    expect((await order(contract.id, [{ productId: cable.id, quantity: '1' }])).status).toBe(201)
    const back = await call('POST', `/sales-orders/${b.id}/restore`, s.east.token)
    expect(expectProblem(back, 409).code).toBe('orders.order.quantity_exceeds')
    expect((await get(b.id)).status).toBe(404)
    // The cancelled one comes back as it was (cancelled orders hold nothing).
    expect((await call('POST', `/sales-orders/${a.id}/restore`, s.east.token)).status).toBe(200)
  })

  it('holds its contract: no void while a live order exists; the dependants name it', async () => {
    const contract = await inForce([{ productId: cable.id, quantity: '1' }])
    const o = (await order(contract.id)).body
    const state = await call('GET', `/contracts/${contract.id}/dependants`, s.east.token)
    expect(state.body).toMatchObject({
      canDelete: false,
      canVoid: false,
      dependants: [{ kind: 'order', count: 1, examples: [o.number] }],
    })
    const current = await call('GET', `/contracts/${contract.id}`, s.east.token)
    const voided = await call(
      'POST',
      `/contracts/${contract.id}/void`,
      s.east.token,
      { reason: '签错' },
      current.body.version,
    )
    expect(expectProblem(voided, 409).code).toBe('orders.contract.performed')
    expect(
      expectProblem(
        await call('DELETE', `/contracts/${contract.id}`, s.east.token, undefined, current.body.version),
        409,
      ).code,
    ).toBe('orders.contract.not_deletable')
    await act(o.id, 'cancel', { reason: '合同作废' })
    const free = await call('GET', `/contracts/${contract.id}/dependants`, s.east.token)
    expect(free.body).toMatchObject({ dependants: [], canVoid: true })
    const ok = await call(
      'POST',
      `/contracts/${contract.id}/void`,
      s.east.token,
      { reason: '签错' },
      current.body.version,
    )
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    // A voided contract takes no new orders.
    expect(fieldCodes(await order(contract.id))).toEqual({ contractId: 'orders.order.contract_not_approved' })
  })

  it('a contract change cannot go below what its live orders hold', async () => {
    const contract = await inForce([
      { productId: cable.id, quantity: '5' },
      { productId: bolt.id, quantity: '5' },
    ])
    expect((await order(contract.id, [{ productId: cable.id, quantity: '3' }])).status).toBe(201)
    const below = await call('POST', `/contracts/${contract.id}/changes`, s.east.token, {
      reason: '减量',
      lines: [
        { productId: bolt.id, quantity: '5' },
        { productId: cable.id, quantity: '2' },
      ],
    })
    expect(fieldCodes(below)).toEqual({ 'lines.1.quantity': 'orders.contract.below_ordered' })
    expect(below.body.errors[0].params).toEqual({ product: '产品 O-CABLE', ordered: '3' })
    const dropped = await call('POST', `/contracts/${contract.id}/changes`, s.east.token, {
      reason: '去掉电缆',
      lines: [{ productId: bolt.id, quantity: '5' }],
    })
    expect(fieldCodes(dropped)).toEqual({ lines: 'orders.contract.below_ordered' })
    expect(dropped.body.errors[0].params).toEqual({ product: '产品 O-CABLE', ordered: '3' })
    const enough = await call('POST', `/contracts/${contract.id}/changes`, s.east.token, {
      reason: '减量到已下单',
      lines: [
        { productId: cable.id, quantity: '3' },
        { productId: bolt.id, quantity: '5' },
      ],
    })
    expect(enough.status, JSON.stringify(enough.body)).toBe(201)
  })

  it('keeps orders in their owner’s scope and every action behind its permission', async () => {
    const contract = await inForce([{ productId: spare.id, quantity: '9' }])
    const o = (await order(contract.id, [{ productId: spare.id, quantity: '1' }])).body
    expect((await get(o.id, s.west.token)).status).toBe(404)
    expect((await get(o.id, s.eastBoss.token)).status).toBe(200)
    const westList = await call('GET', `/sales-orders?contractId=${contract.id}`, s.west.token)
    expect(westList.body.items).toEqual([])
    const bossList = await call(
      'GET',
      `/sales-orders?contractId=${contract.id}&status=pending`,
      s.eastBoss.token,
    )
    expect(bossList.body.items.map((i: { id: string }) => i.id)).toEqual([o.id])
    const byNumber = await call('GET', `/sales-orders?q=${o.number}`, s.east.token)
    expect(byNumber.body.items.map((i: { id: string }) => i.id)).toEqual([o.id])
    const byCustomer = await call(
      'GET',
      `/sales-orders?customerId=${ACME.id}&ownerId=${s.east.id}`,
      s.east.token,
    )
    expect(byCustomer.body.items.map((i: { id: string }) => i.id)).toContain(o.id)

    expect((await call('GET', `/sales-orders/${o.id}/shipments`, s.west.token)).status).toBe(404)
    expect(expectProblem(await act(o.id, 'confirm', undefined, s.west.token), 404))
    expect(expectProblem(await order(contract.id, undefined, s.reader.token), 403))
    expect(expectProblem(await act(o.id, 'confirm', undefined, s.reader.token), 403))
    expect(expectProblem(await ship(o.id, [{ productId: spare.id, quantity: '1' }], s.reader.token), 403))
    expect((await get(o.id, s.reader.token)).status).toBe(200)
    expect(
      (await call('GET', `/sales-orders/contracts/${contract.id}/remaining`, s.reader.token)).status,
    ).toBe(403)
  })
})
