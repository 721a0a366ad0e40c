import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { financeRoutes } from '@mosaic/schemas/contracts'
import { contractMismatches, harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'
import { approvedContract, fromOrders, startFinance } from '../../test-support/harness.js'
import { approve, receivableOfContract, writeOff } from '../../test-support/receivables.js'

const SECRET = 'receivables-test-secret-0123456789abcdef'
const EAST = randomUUID()
const WEST = randomUUID()

describe('receivables', () => {
  const s = harnessSuite(() => startFinance({ SERVICE_SECRET: SECRET }), {
    east: { username: '东区销售', deptIds: [EAST] },
    west: { username: 'west-rep', deptIds: [WEST] },
    clerk: { username: 'clerk', dataScope: 'all' },
    outsider: { username: 'outsider', dataScope: 'all', permissions: ['finance.payment.read'] },
  })
  const owner = () => ({ id: s.east.id, deptId: EAST })
  const get = (id: string, token = s.clerk.token) => s.h.call('GET', `/receivables/${id}`, { token })
  const plan = (id: string, token = s.clerk.token) => s.h.call('GET', `/receivables/${id}/plan`, { token })
  const putPlan = (id: string, version: number | undefined, instalments: unknown[], token = s.clerk.token) =>
    s.h.call('PUT', `/receivables/${id}/plan`, { token, version, body: { instalments } })

  it('an approved contract becomes a receivable with its plan and figures', async () => {
    // Dates ahead of the real clock, so nothing is due yet whenever the test runs.
    const dates = { signDate: '2099-01-10', startDate: '2099-01-15', endDate: '2099-12-31' }
    const { contract, receivableId } = await approve(s.h, SECRET, owner(), dates)
    const res = await get(receivableId)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      contractId: contract.id,
      contractNumber: contract.number,
      contractRevision: 1,
      customerName: '华东制造有限公司',
      ownerId: s.east.id,
      deptId: EAST,
      status: 'open',
      total: '100000.00',
      received: '0.00',
      outstanding: '100000.00',
      collectedPercent: '0.00',
      uninvoiced: '100000.00',
      prepayRatio: '30.00',
      prepayAmount: '30000.00',
      prepayDueDate: '2099-01-10',
      prepayStatus: 'pending',
      retentionAmount: '5000.00',
      retentionReleaseDate: '2100-01-15',
      retentionStatus: 'held',
      overdue: false,
      instalmentCount: 3,
      instalmentsPaid: 0,
      invoiceType: 'vat_special',
      invoiceTaxNumber: '91310000MA1FL0000X',
    })
    const p = await plan(receivableId)
    expect(p.status).toBe(200)
    expect(
      p.body.instalments.map((i: Record<string, unknown>) => [i.seq, i.kind, i.dueDate, i.amount]),
    ).toEqual([
      [1, 'prepayment', '2099-01-10', '30000.00'],
      [2, 'progress', '2099-12-31', '65000.00'],
      [3, 'retention', '2100-01-15', '5000.00'],
    ])
    const [progressed] = await s.h.service.db.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'finance.receivable.progressed'
         AND payload->>'receivableId' = $1`,
      [receivableId],
    )
    expect(progressed.payload).toMatchObject({
      contractId: contract.id,
      total: '100000.00',
      instalmentCount: 3,
    })
  })

  it('a redelivery, or the same approval under another event id, makes nothing more', async () => {
    const contract = approvedContract(owner())
    const eventId = randomUUID()
    expect(
      (await fromOrders(s.h, SECRET, 'orders.contract.approved', contract, { id: eventId })).body,
    ).toEqual({
      handled: true,
      duplicate: false,
    })
    expect(
      (await fromOrders(s.h, SECRET, 'orders.contract.approved', contract, { id: eventId })).body,
    ).toEqual({
      handled: false,
      duplicate: true,
    })
    await fromOrders(s.h, SECRET, 'orders.contract.approved', { ...contract, name: '另一个名字' })
    const rows = await s.h.service.db.dataSource.query(
      `SELECT r.contract_name, (SELECT count(*)::int FROM instalment i WHERE i.receivable_id = r.id) AS n
         FROM receivable r WHERE contract_id = $1`,
      [contract.id],
    )
    expect(rows).toEqual([{ contract_name: '年度供货合同', n: 3 }])
  })

  it('a newer revision changes the total and the plan, keeping what is written off; an older one is ignored', async () => {
    const { contract, receivableId } = await approve(s.h, SECRET, owner())
    const before = await plan(receivableId)
    const prepay = before.body.instalments[0]
    await writeOff(s.h, receivableId, prepay.id, '30000.00')
    const change = {
      ...contract,
      changeId: randomUUID(),
      reason: '减少数量',
      previousRevision: 1,
      totalBefore: '100000.00',
      totalAfter: '80000.00',
      amounts: { ...contract.amounts, total: '80000.00' },
      endDate: '2026-10-31',
    }
    await fromOrders(s.h, SECRET, 'orders.contract.changed', { ...change, revision: 2 })
    const after = await plan(receivableId)
    expect(after.body.receivable).toMatchObject({
      total: '80000.00',
      contractRevision: 2,
      received: '30000.00',
    })
    expect(
      after.body.instalments.map((i: Record<string, unknown>) => [
        i.id === prepay.id,
        i.kind,
        i.amount,
        i.status,
      ]),
    ).toEqual([
      [true, 'prepayment', '30000.00', 'paid'],
      [false, 'progress', '46000.00', expect.any(String)],
      [false, 'retention', '4000.00', expect.any(String)],
    ])
    // Revision 2 again (a redelivery under a new id) or an older one: nothing moves.
    await fromOrders(s.h, SECRET, 'orders.contract.changed', { ...change, revision: 2, totalAfter: '1.00' })
    await fromOrders(s.h, SECRET, 'orders.contract.changed', {
      ...change,
      revision: 1,
      amounts: { ...contract.amounts, total: '1.00' },
    })
    expect((await get(receivableId)).body).toMatchObject({ total: '80000.00', contractRevision: 2 })
    const audit = await s.h.call('GET', `/receivables/${receivableId}/audit`, { token: s.clerk.token })
    const changed = audit.body.find((e: { action: string }) => e.action === 'change')
    expect(changed).toMatchObject({ actorName: 'system', note: '减少数量' })
    expect(changed.diff.total).toEqual({ before: '100000.00', after: '80000.00' })
    expect(changed.diff.plan.after).toBe(
      '1. 预付款 2026-01-10 30,000.00; 2. 进度款 2026-10-31 46,000.00; 3. 质保金 2027-01-15 4,000.00',
    )
  })

  it('a voided contract cancels the receivable: open instalments cancelled, partly paid ones shrink', async () => {
    const { contract, receivableId } = await approve(s.h, SECRET, owner())
    const { body } = await plan(receivableId)
    await writeOff(s.h, receivableId, body.instalments[0].id, '1000.00')
    await fromOrders(s.h, SECRET, 'orders.contract.voided', {
      id: contract.id,
      number: contract.number,
      name: contract.name,
      customerId: contract.customerId,
      customerName: contract.customerName,
      ownerId: contract.ownerId,
      ownerName: contract.ownerName,
      deptId: contract.deptId,
      kind: 'terminated',
      reason: '客户破产',
      total: '100000.00',
    })
    const after = await plan(receivableId)
    expect(after.body.receivable).toMatchObject({ status: 'cancelled', overdue: false })
    expect(after.body.instalments.map((i: Record<string, unknown>) => [i.amount, i.status])).toEqual([
      ['1000.00', 'paid'],
      ['65000.00', 'cancelled'],
      ['5000.00', 'cancelled'],
    ])
    const audit = await s.h.call('GET', `/receivables/${receivableId}/audit`, { token: s.clerk.token })
    expect(audit.body[0]).toMatchObject({ action: 'terminate', note: '客户破产' })
    // Its plan is read-only now.
    const version = after.body.receivable.version
    expectProblem(
      await putPlan(receivableId, version, [{ kind: 'progress', dueDate: '2026-05-01', amount: '1.00' }]),
      409,
    )
  })

  describe('the plan editor', () => {
    it('replaces the plan under If-Match, audited with the plan before and after', async () => {
      const { receivableId } = await approve(s.h, SECRET, owner())
      const { body } = await plan(receivableId)
      const [prepay, progress, retention] = body.instalments
      const version = body.receivable.version
      const next = [
        { id: prepay.id, kind: 'prepayment', dueDate: '2026-01-10', amount: '30000.00' },
        { id: progress.id, kind: 'progress', dueDate: '2026-06-30', amount: '30000.00', note: '到货' },
        { kind: 'progress', dueDate: '2026-03-31', amount: '35000.00' },
        { id: retention.id, kind: 'retention', dueDate: '2027-01-15', amount: '5000.00' },
      ]
      expectProblem(await putPlan(receivableId, version + 1, next), 412)
      expectProblem(await putPlan(receivableId, undefined, next), 428)
      const res = await putPlan(receivableId, version, next)
      expect(res.status).toBe(200)
      expect(res.body.receivable).toMatchObject({ version: version + 1, instalmentCount: 4 })
      expect(
        res.body.instalments.map((i: Record<string, unknown>) => [i.seq, i.dueDate, i.amount, i.note]),
      ).toEqual([
        [1, '2026-01-10', '30000.00', null],
        [2, '2026-03-31', '35000.00', null],
        [3, '2026-06-30', '30000.00', '到货'],
        [4, '2027-01-15', '5000.00', null],
      ])
      const audit = await s.h.call('GET', `/receivables/${receivableId}/audit`, { token: s.clerk.token })
      expect(audit.body[0]).toMatchObject({ action: 'plan_update', actorName: 'clerk' })
      expect(audit.body[0].diff.plan).toEqual({
        before:
          '1. 预付款 2026-01-10 30,000.00; 2. 进度款 2026-12-31 65,000.00; 3. 质保金 2027-01-15 5,000.00',
        after:
          '1. 预付款 2026-01-10 30,000.00; 2. 进度款 2026-03-31 35,000.00; 3. 进度款 2026-06-30 30,000.00; 4. 质保金 2027-01-15 5,000.00',
      })
    })

    it('refuses a wrong sum, an amount below what is written off, a paid instalment removed, a stranger', async () => {
      const { receivableId } = await approve(s.h, SECRET, owner())
      const other = await approve(s.h, SECRET, owner())
      const stranger = (await plan(other.receivableId)).body.instalments[0].id
      const { body } = await plan(receivableId)
      const [prepay, progress, retention] = body.instalments
      await writeOff(s.h, receivableId, prepay.id, '10000.00')
      const version = (await get(receivableId)).body.version
      const sum = await putPlan(receivableId, version, [
        { id: prepay.id, kind: 'prepayment', dueDate: '2026-01-10', amount: '9000.00' },
        { id: progress.id, kind: 'progress', dueDate: '2026-12-31', amount: '65000.00' },
        { id: stranger, kind: 'retention', dueDate: '2027-01-15', amount: '5000.00' },
      ])
      expectProblem(sum, 400)
      expect(fieldCodes(sum)).toEqual({
        'instalments.0.amount': 'finance.plan.below_matched',
        'instalments.2.id': 'finance.plan.unknown_instalment',
        instalments: 'finance.plan.sum_mismatch',
      })
      expect(
        sum.body.errors.find((e: { code: string }) => e.code === 'finance.plan.sum_mismatch').params,
      ).toEqual({
        sum: '79000.00',
        total: '100000.00',
      })
      const removed = await putPlan(receivableId, version, [
        { id: progress.id, kind: 'progress', dueDate: '2026-12-31', amount: '95000.00' },
        { id: retention.id, kind: 'retention', dueDate: '2027-01-15', amount: '5000.00' },
      ])
      expect(fieldCodes(removed)).toEqual({ instalments: 'finance.plan.removed_matched' })
      const twice = await putPlan(receivableId, version, [
        { id: prepay.id, kind: 'prepayment', dueDate: '2026-01-10', amount: '50000.00' },
        { id: prepay.id, kind: 'prepayment', dueDate: '2026-01-10', amount: '50000.00' },
      ])
      expect(fieldCodes(twice)).toMatchObject({ 'instalments.1.id': 'finance.plan.duplicate_instalment' })
      // A rep may read the plan but not change it without finance.payment-plan.update.
      const rep = await s.h.user('rep-no-plan', {
        deptIds: [EAST],
        permissions: ['finance.receivable.read'],
      })
      expectProblem(await putPlan(receivableId, version, [], rep.token), 403)
      expect((await get(receivableId)).body.version).toBe(version)
    })
  })

  describe('the list', () => {
    it('finds by contract number, customer name and owner name', async () => {
      const tag = randomUUID().slice(0, 6).toUpperCase()
      const a = await approve(s.h, SECRET, owner(), { number: `HTQ${tag}01`, customerName: `雪松${tag}机电` })
      const b = await approve(s.h, SECRET, owner(), { number: `HTQ${tag}02`, ownerName: `周${tag}` })
      const ids = async (q: string) =>
        (
          await s.h.call('GET', `/receivables?q=${encodeURIComponent(q)}`, { token: s.clerk.token })
        ).body.items.map((i: { id: string }) => i.id)
      expect(await ids(`htq${tag}`)).toEqual([b.receivableId, a.receivableId])
      expect(await ids(`雪松${tag}`)).toEqual([a.receivableId])
      // Two characters (a short Chinese name) go through the bigram index.
      expect(await ids('雪松')).toEqual([a.receivableId])
      expect(await ids(`周${tag}`)).toEqual([b.receivableId])
      const filtered = await s.h.call('GET', `/receivables?contractId=${a.contract.id}&status=open`, {
        token: s.clerk.token,
      })
      expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([a.receivableId])
    })

    it('keeps to the caller’s scope: another department’s rep gets 404, someone without read 403', async () => {
      const { receivableId } = await approve(s.h, SECRET, owner())
      expect((await get(receivableId, s.east.token)).status).toBe(200)
      expectProblem(await get(receivableId, s.west.token), 404)
      expectProblem(await plan(receivableId, s.west.token), 404)
      const list = await s.h.call('GET', '/receivables?pageSize=100', { token: s.west.token })
      expect(list.body.items).toEqual([])
      expectProblem(await s.h.call('GET', '/receivables', { token: s.outsider.token }), 403)
      expectProblem(await get(receivableId, s.outsider.token), 403)
    })
  })

  it('a version restore is refused: a receivable follows its contract', async () => {
    const { receivableId } = await approve(s.h, SECRET, owner())
    const { version } = (await receivableOfContract(s.h, (await get(receivableId)).body.contractId))!
    expectProblem(
      await s.h.call('POST', `/receivables/${receivableId}/versions/1/restore`, {
        token: s.clerk.token,
        version,
      }),
      409,
    )
  })

  it('declares every route of the finance contracts', () => {
    expect(contractMismatches(financeRoutes, s.h.service.api.routes())).toEqual([])
  })
})
