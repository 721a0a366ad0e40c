import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_PNG as PNG, harnessSuite, uploadFile } from '@mosaic/service-kit/testing'
import { startSales } from '../../test-support/harness.js'
import { expectProblem, fieldCodes } from '@mosaic/service-kit/testing/expect'

const MAX = 4096
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1500, 0x42), Buffer.from('\n%%EOF\n')])

describe('follow-up attachments', () => {
  const s = harnessSuite(() => startSales({ ATTACHMENT_MAX_BYTES: String(MAX) }), {
    rep: {},
    // Sees every follow-up (scope 'all') but may not upload.
    viewer: { permissions: ['sales.customer.read'], dataScope: 'all' },
    otherRep: { username: 'other-rep' },
  })
  let customerId: string

  beforeAll(async () => {
    customerId = (
      await s.h.call('POST', '/customers', { token: s.rep.token, body: { name: 'Attached Ltd' } })
    ).body.id
  })

  const upload = (body: Buffer, type: string, name: string, token = s.rep.token) =>
    uploadFile(s.h, body, type, name, token)
  const followUp = (attachments: unknown[], token = s.rep.token, target = customerId) =>
    s.h.call('POST', '/followups', {
      token,
      body: {
        targetType: 'customer',
        targetId: target,
        subject: 'Sent the offer',
        method: 'email',
        content: 'Offer and photos attached',
        contactedAt: '2026-04-01T02:00:00.000Z',
        attachments,
      },
    })

  it('records a follow-up with uploaded files and lists them with the stored facts', async () => {
    const offer = await upload(PDF, 'application/pdf', '报价单（终版）.pdf')
    expect(offer.status, JSON.stringify(offer.body)).toBe(201)
    const photo = await upload(PNG, 'image/png', '现场.png')
    expect(photo.status).toBe(201)

    // What the client claims about a file is replaced by what was stored.
    const claimed = { ...offer.body, name: 'other.exe', size: 1, contentType: 'application/x-msdownload' }
    const created = await followUp([claimed, photo.body])
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.attachments).toEqual([offer.body, photo.body])

    const list = await s.h.call('GET', `/followups?targetType=customer&targetId=${customerId}`, {
      token: s.rep.token,
    })
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0].attachments).toEqual([
      { id: offer.body.id, name: '报价单（终版）.pdf', size: PDF.length, contentType: 'application/pdf' },
      { id: photo.body.id, name: '现场.png', size: PNG.length, contentType: 'image/png' },
    ])

    // A file is as visible as the follow-up carrying it: another rep gets 404, like for the record.
    const hidden = await fetch(`${s.h.base}/attachments/${offer.body.id}`, {
      headers: { authorization: `Bearer ${s.otherRep.token}` },
    })
    expect(hidden.status).toBe(404)

    // Whoever sees the follow-up may download; the bytes come back unchanged.
    const file = await fetch(`${s.h.base}/attachments/${offer.body.id}`, {
      headers: { authorization: `Bearer ${s.viewer.token}` },
    })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('报价单')}`,
    )
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)

    // Editing keeps only attachments that exist, again with the stored facts.
    const dropped = await s.h.call('PATCH', `/followups/${created.body.id}`, {
      token: s.rep.token,
      version: created.body.version,
      body: { attachments: [{ ...photo.body, name: 'renamed.png' }] },
    })
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200)
    expect(dropped.body.attachments).toEqual([photo.body])
  })

  it('lets the uploader fetch a file no record refers to yet, and nobody else', async () => {
    const draft = (await upload(PNG, 'image/png', 'draft.png')).body
    const get = (token: string) =>
      fetch(`${s.h.base}/attachments/${draft.id}`, { headers: { authorization: `Bearer ${token}` } })
    expect((await get(s.rep.token)).status).toBe(200)
    expect((await get(s.viewer.token)).status).toBe(404)
  })

  it('refuses references to files that were never uploaded, per field', async () => {
    const photo = (await upload(PNG, 'image/png', 'a.png')).body
    const ghost = {
      id: '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
      name: 'x.pdf',
      size: 1,
      contentType: 'application/pdf',
    }
    const res = await followUp([photo, ghost])
    expectProblem(res, 400)
    expect(fieldCodes(res)).toEqual({ 'attachments.1': 'attachment.unknown' })
    const repeated = await followUp([photo, photo])
    expect(fieldCodes(repeated)).toEqual({ 'attachments.1': 'attachment.repeated' })
  })

  it("refuses another user's upload on create and update, and the file stays theirs", async () => {
    const secret = (await upload(PDF, 'application/pdf', 'contract.pdf')).body
    const own = await s.h.call('POST', '/customers', { token: s.otherRep.token, body: { name: 'Thief Co' } })
    const stolen = await followUp([secret], s.otherRep.token, own.body.id)
    expectProblem(stolen, 400)
    expect(fieldCodes(stolen)).toEqual({ 'attachments.0': 'attachment.unknown' })

    const mine = await followUp([], s.otherRep.token, own.body.id)
    expect(mine.status).toBe(201)
    const patched = await s.h.call('PATCH', `/followups/${mine.body.id}`, {
      token: s.otherRep.token,
      version: mine.body.version,
      body: { attachments: [secret] },
    })
    expect(fieldCodes(patched)).toEqual({ 'attachments.0': 'attachment.unknown' })

    const get = (token: string) =>
      fetch(`${s.h.base}/attachments/${secret.id}`, { headers: { authorization: `Bearer ${token}` } })
    expect((await get(s.otherRep.token)).status).toBe(404)
    expect((await get(s.rep.token)).status).toBe(200)
  })

  it('lets someone who sees a follow-up carrying a file attach it again', async () => {
    const file = (await upload(PNG, 'image/png', 'shared.png')).body
    expect((await followUp([file])).status).toBe(201)
    // The manager sees the rep's follow-up, so may cite the same file on the rep's customer.
    const manager = await s.h.user('manager', { dataScope: 'all' })
    expect((await followUp([file], manager.token)).status).toBe(201)
  })

  it("applies the service's size limit and the upload permission", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX, 0x43)])
    const tooBig = await upload(big, 'application/pdf', 'big.pdf')
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.maxBytes).toBe(MAX)
    expect((await upload(PNG, 'image/png', 'a.png', s.viewer.token)).status).toBe(403)
  })
})
