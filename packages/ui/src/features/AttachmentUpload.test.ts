import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Attachment } from '@mosaic/schemas'
import { setAuthBridge } from '@mosaic/web-kit'
import AttachmentUpload from './AttachmentUpload.vue'
import { checkAttachment, formatBytes } from './attachments'

enableAutoUnmount(afterEach)

const PATH = '/api/sales/attachments'
const offer: Attachment = {
  id: 'a0000000-0000-4000-8000-000000000001',
  name: '报价单.pdf',
  size: 2048,
  contentType: 'application/pdf',
}

let fetchMock: ReturnType<typeof vi.fn>
beforeEach(() => {
  setAuthBridge({ getToken: () => 'tok', refresh: async () => false })
  fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    if (init.method === 'POST') {
      const file = init.body as File
      const name = decodeURIComponent((init.headers as Record<string, string>)['X-File-Name']!)
      const stored = { id: `b-${name}`, name, size: file.size, contentType: file.type }
      return new Response(JSON.stringify(stored), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      })
    }
    if (url.endsWith(offer.id)) return new Response(new Uint8Array([37, 80, 68, 70]))
    return new Response('{"title":"Not Found","status":404,"type":"about:blank"}', { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  setAuthBridge(null)
  document.body.innerHTML = ''
})

function mountUpload(props: Record<string, unknown> = {}) {
  const wrapper = mount(AttachmentUpload, {
    props: {
      path: PATH,
      modelValue: [offer],
      'onUpdate:modelValue': (v: Attachment[]) => wrapper.setProps({ modelValue: v }),
      ...props,
    },
    attachTo: document.body,
  })
  return wrapper
}

async function pick(wrapper: ReturnType<typeof mountUpload>, ...files: File[]) {
  const input = wrapper.find('input[type="file"]').element as HTMLInputElement
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}
const messages = () => [...document.querySelectorAll('.el-message')].map((m) => m.textContent)
const models = (w: ReturnType<typeof mountUpload>) =>
  (w.emitted('update:modelValue') ?? []).map(([v]) => (v as Attachment[]).map((a) => a.name))

describe('AttachmentUpload', () => {
  it('sends each picked file raw with the bearer token and adds what the service stored', async () => {
    const w = mountUpload()
    // Picked together: both are kept, neither overwrites the other.
    const csv = new File(['a,b\n'], '名单 2026.csv', { type: 'application/vnd.ms-excel' })
    const png = new File([new Uint8Array([0x89, 0x50])], 'photo.PNG', { type: '' })
    await pick(w, csv, png)
    const posts = fetchMock.mock.calls.filter(([, init]) => init.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(posts[0]![0]).toBe(PATH)
    expect(posts[0]![1].body).toBe(csv)
    // The type comes from the extension, whatever the browser claimed.
    expect(posts[0]![1].headers).toMatchObject({
      'Content-Type': 'text/csv',
      'X-File-Name': '%E5%90%8D%E5%8D%95%202026.csv',
      Authorization: 'Bearer tok',
    })
    expect(posts[1]![1].headers['Content-Type']).toBe('image/png')
    expect(models(w).at(-1)).toEqual(['报价单.pdf', '名单 2026.csv', 'photo.PNG'])
    expect(w.findAll('li')).toHaveLength(3)
  })

  it('refuses too large, unknown and surplus files before sending anything', async () => {
    const w = mountUpload({ maxBytes: 1024, limit: 2 })
    await pick(w, new File([new Uint8Array(2000)], 'big.pdf'))
    await pick(w, new File(['MZ'], 'setup.exe'))
    expect(fetchMock).not.toHaveBeenCalled()
    expect(messages()).toEqual(
      expect.arrayContaining([expect.stringContaining('big.pdf'), expect.stringContaining('setup.exe')]),
    )
    await pick(w, new File(['x'], 'a.txt'), new File(['y'], 'b.txt'))
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(models(w).at(-1)).toEqual(['报价单.pdf', 'a.txt'])
  })

  it('shows the service problem when an upload is refused', async () => {
    fetchMock.mockImplementationOnce(
      async () =>
        new Response('{"title":"Unsupported Media Type","status":415,"detail":"Not a PDF."}', {
          status: 415,
          headers: { 'content-type': 'application/problem+json' },
        }),
    )
    const w = mountUpload()
    await pick(w, new File(['MZ'], 'fake.pdf'))
    expect(messages().join()).toContain('Not a PDF.')
    expect(w.emitted('update:modelValue')).toBeUndefined()
  })

  it('removes a file from the list and downloads with the token under the stored name', async () => {
    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x') }))
    const clicked: HTMLAnchorElement[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this)
    })
    const w = mountUpload()
    await w.find(`[data-testid="attachment-download-${offer.id}"]`).trigger('click')
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledWith(`${PATH}/${offer.id}`, expect.objectContaining({ method: 'GET' }))
    expect(fetchMock.mock.calls[0]![1].headers.Authorization).toBe('Bearer tok')
    expect(created).toHaveLength(1)
    expect(clicked[0]!.download).toBe('报价单.pdf')
    click.mockRestore()

    await w.find(`[data-testid="attachment-remove-${offer.id}"]`).trigger('click')
    expect(models(w).at(-1)).toEqual([])
  })

  it('read-only: links only, no upload and no remove', () => {
    const w = mountUpload({ readonly: true })
    expect(w.find('input[type="file"]').exists()).toBe(false)
    expect(w.find(`[data-testid="attachment-remove-${offer.id}"]`).exists()).toBe(false)
    expect(w.text()).toContain('报价单.pdf')
    expect(w.text()).toContain('2 KB')
  })
})

describe('attachment checks', () => {
  it('derives the type from the extension and applies the size limit', () => {
    expect(checkAttachment({ name: 'A.JPEG', size: 10 }, { maxBytes: 100 })).toEqual({
      ok: true,
      type: 'image/jpeg',
    })
    expect(checkAttachment({ name: 'a.svg', size: 10 }, { maxBytes: 100 })).toMatchObject({ reason: 'type' })
    expect(checkAttachment({ name: 'pdf', size: 10 }, { maxBytes: 100 })).toMatchObject({ reason: 'type' })
    expect(checkAttachment({ name: 'a.pdf', size: 101 }, { maxBytes: 100 })).toMatchObject({ reason: 'size' })
  })

  it('formats sizes', () => {
    expect([12, 2048, 1536 * 1024, 10 * 1024 * 1024].map(formatBytes)).toEqual([
      '12 B',
      '2 KB',
      '1.5 MB',
      '10 MB',
    ])
  })
})
