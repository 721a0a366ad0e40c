import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ReplyBody } from '../testing-expect.js'
import { packPermissions } from '../auth/principal.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { KitAttachmentTables1763900000300 } from './migration.js'
import { LocalDiskStorage, type StorageAdapter } from './storage.js'
import { registerAttachmentRoutes } from './routes.js'

const MAX = 64 * 1024
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')])
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(700, 7),
])
// The first bytes of a Windows program: "MZ", then a header full of NUL bytes.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(900, 0)])
const CJK_NAME = '报价单 2026（终版）.pdf'
const json = (res: Response): Promise<ReplyBody> => res.json()

/** Storage writes that were started and that failed, to tell "refused early" from "cleaned up". */
const writes = { started: 0, failed: 0 }
const counting = (inner: StorageAdapter): StorageAdapter => ({
  put: async (key, body, meta) => {
    writes.started++
    await inner.put(key, body, meta).catch((error: unknown) => {
      writes.failed++
      throw error
    })
  },
  get: (key) => inner.get(key),
  delete: (key) => inner.delete(key),
})

describe('attachments over HTTP', () => {
  let demo: Demo
  let storage: LocalDiskStorage
  let uploader: string
  let reader: string
  let stranger: string

  beforeAll(async () => {
    storage = await LocalDiskStorage.temporary()
    demo = await startDemo({
      migrations: [KitAttachmentTables1763900000300],
      routes: ({ api, db }) =>
        registerAttachmentRoutes(api, db, counting(storage), {
          upload: 'sales.followup.create',
          read: { anyOf: ['sales.followup.read', 'sales.customer.read'] },
          maxBytes: MAX,
        }),
    })
    const as = (codes: string[]) => demo.token({ claims: { perms: packPermissions(codes) } })
    uploader = await as(['sales.followup.create', 'sales.followup.read'])
    reader = await as(['sales.customer.read'])
    stranger = await as(['sales.lead.read'])
  })
  afterAll(async () => {
    await demo?.close()
    await storage?.close()
  })

  const url = (path: string) => `${demo.base}/api/demo${path}`
  function upload(
    body: NonNullable<RequestInit['body']>,
    o: {
      type?: string
      name?: string
      token?: string | null
      headers?: Record<string, string>
      signal?: AbortSignal
    } = {},
  ) {
    const headers: Record<string, string> = { ...o.headers }
    if (o.type !== undefined) headers['content-type'] = o.type
    if (o.name !== undefined) headers['x-file-name'] = encodeURIComponent(o.name)
    if (o.token !== null) headers.authorization = `Bearer ${o.token ?? uploader}`
    const init = { method: 'POST', headers, body, duplex: 'half', signal: o.signal }
    return fetch(url('/attachments'), init as RequestInit)
  }
  const download = (id: string, token = uploader, headers: Record<string, string> = {}) =>
    fetch(url(`/attachments/${id}`), { headers: { authorization: `Bearer ${token}`, ...headers } })
  const stored = async () => {
    const rows = await demo.service.db.transaction((m) =>
      m.query('SELECT count(*)::int AS n FROM attachment'),
    )
    const files = (await readdir(storage.root, { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    )
    return { rows: rows[0].n as number, files: files.length }
  }
  async function expectProblem(res: Response, status: number) {
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const body = await json(res)
    expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) })
    return body
  }

  it('stores an upload and serves it back byte for byte under its UTF-8 name', async () => {
    const res = await upload(PDF, { type: 'application/pdf', name: CJK_NAME })
    expect(res.status).toBe(201)
    const attachment = await json(res)
    expect(attachment).toEqual({
      id: expect.any(String),
      name: CJK_NAME,
      size: PDF.length,
      contentType: 'application/pdf',
    })
    const [row] = await demo.service.db.transaction((m) =>
      m.query('SELECT sha256, created_by FROM attachment WHERE id = $1', [attachment.id]),
    )
    expect(row.sha256).toBe(createHash('sha256').update(PDF).digest('hex'))
    expect(row.created_by).toBe('00000000-0000-4000-8000-000000000001')

    for (const token of [uploader, reader]) {
      const got = await download(attachment.id, token)
      expect(got.status).toBe(200)
      expect(got.headers.get('content-type')).toBe('application/pdf')
      expect(got.headers.get('content-length')).toBe(String(PDF.length))
      expect(got.headers.get('x-content-type-options')).toBe('nosniff')
      expect(got.headers.get('content-security-policy')).toBe('sandbox')
      const disposition = got.headers.get('content-disposition')!
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(CJK_NAME)
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true)
    }
    const etag = (await download(attachment.id)).headers.get('etag')!
    expect((await download(attachment.id, uploader, { 'if-none-match': etag })).status).toBe(304)
  })

  it('refuses a file beyond the limit with 413 and keeps nothing, declared or streamed', async () => {
    const before = await stored()
    const big = Buffer.concat([PNG, Buffer.alloc(MAX, 1)])
    const declared = await upload(big, { type: 'image/png', name: 'big.png' })
    expect((await expectProblem(declared, 413)).maxBytes).toBe(MAX)

    // No Content-Length: the limit is enforced while the body streams in.
    const chunks = [PNG, ...Array.from({ length: 40 }, () => Buffer.alloc(16 * 1024, 2))]
    const streamed = new ReadableStream({
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      },
    })
    const failedWrites = writes.failed
    await expectProblem(await upload(streamed, { type: 'image/png', name: 'big.png' }), 413)
    expect(writes.failed).toBe(failedWrites + 1)
    expect(await stored()).toEqual(before)
    // The connection is still usable afterwards: the refused body was drained, not left hanging.
    expect((await upload(PNG, { type: 'image/png', name: 'small.png' })).status).toBe(201)
  })

  it('keeps nothing of an upload the client abandons half way', async () => {
    const before = await stored()
    const failedWrites = writes.failed
    const abort = new AbortController()
    let sent = 0
    const body = new ReadableStream({
      async pull(controller) {
        if (sent++ < 3) return controller.enqueue(sent === 1 ? PNG : Buffer.alloc(4096, 3))
        // The rest never comes: the user closed the page.
        setTimeout(() => abort.abort(), 50)
        await new Promise(() => {})
      },
    })
    const name = 'left.png'
    await expect(upload(body, { type: 'image/png', name, signal: abort.signal })).rejects.toThrow()
    // The server had started writing the file, then removed it.
    await vi.waitFor(() => expect(writes.failed).toBe(failedWrites + 1), { timeout: 3000 })
    expect(await stored()).toEqual(before)
  })

  it('refuses types outside the allow-list, spoofed content and mismatched names with 415', async () => {
    const before = await stored()
    await expectProblem(await upload(EXE, { type: 'application/x-msdownload', name: 'setup.exe' }), 415)
    await expectProblem(await upload(EXE, { name: 'setup.exe' }), 415)
    // A program renamed to look like an image, a PDF or a text file.
    await expectProblem(await upload(EXE, { type: 'image/png', name: 'photo.png' }), 415)
    await expectProblem(await upload(EXE, { type: 'application/pdf', name: 'invoice.pdf' }), 415)
    await expectProblem(await upload(EXE, { type: 'text/plain', name: 'notes.txt' }), 415)
    await expectProblem(await upload(PNG, { type: 'application/pdf', name: 'scan.pdf' }), 415)
    // Real PDF content whose name would be saved as something else.
    await expectProblem(await upload(PDF, { type: 'application/pdf', name: 'invoice.pdf.html' }), 415)
    expect(await stored()).toEqual(before)
  })

  it('accepts text, a tiny image and UTF-16 text; rejects an empty file and a missing name', async () => {
    const text = await upload('名称,金额\n甲,100\n', { type: 'text/csv; charset=utf-8', name: 'a.csv' })
    expect(await json(text)).toMatchObject({ contentType: 'text/csv', name: 'a.csv' })
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello', 'utf16le')])
    expect((await upload(utf16, { type: 'text/plain', name: 'u.txt' })).status).toBe(201)
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
    expect((await upload(jpeg, { type: 'image/jpg', name: 'dot.JPG' })).status).toBe(201)
    await expectProblem(await upload(Buffer.alloc(0), { type: 'text/plain', name: 'empty.txt' }), 400)
    const nameless = await expectProblem(await upload(PDF, { type: 'application/pdf' }), 400)
    expect(nameless.errors[0].field).toBe('X-File-Name')
    const badName = await upload(PDF, { type: 'application/pdf', headers: { 'x-file-name': '%E6%8A' } })
    await expectProblem(badName, 400)
    // Only the last path segment of a name is kept.
    const pathy = await upload(PDF, { type: 'application/pdf', name: '..\\..\\etc/合同.pdf' })
    expect((await json(pathy)).name).toBe('合同.pdf')
  })

  it('answers 401 without a token, 403 without the permission, 404 for an unknown id', async () => {
    const before = await stored()
    await expectProblem(await upload(PDF, { type: 'application/pdf', name: 'a.pdf', token: null }), 401)
    await expectProblem(await upload(PDF, { type: 'application/pdf', name: 'a.pdf', token: reader }), 403)
    expect(await stored()).toEqual(before)

    const ok = await json(await upload(PDF, { type: 'application/pdf', name: 'a.pdf' }))
    await expectProblem(await fetch(url(`/attachments/${ok.id}`)), 401)
    await expectProblem(await download(ok.id, stranger), 403)
    await expectProblem(await download('5b0f3c1e-2a4d-4e6f-8a9b-0c1d2e3f4a5b'), 404)
    await expectProblem(await download('not-a-uuid'), 400)
  })

  it('describes the upload in the OpenAPI document', async () => {
    const doc = await json(await fetch(url('/openapi.json')))
    const post = doc.paths['/api/demo/attachments'].post
    expect(Object.keys(post.requestBody.content)).toContain('application/pdf')
    expect(post['x-permission']).toBe('sales.followup.create')
  })
})
