import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { afterEach, describe, expect, it } from 'vitest'
import { BaseConfig } from '../config.js'
import { contentMatches, mediaTypeOf } from './content-types.js'
import { contentDisposition } from './routes.js'
import { LocalDiskStorage, StorageObjectMissing, localStorageFor } from './storage.js'

const opened: LocalDiskStorage[] = []
const temporary = async () => {
  const s = await LocalDiskStorage.temporary()
  opened.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
})
const meta = { contentType: 'text/plain' }

describe('LocalDiskStorage', () => {
  it('stores buffers and streams, reads them back, deletes idempotently', async () => {
    const s = await temporary()
    await s.put('ab/one', Buffer.from('first'), meta)
    await s.put('ab/two', Readable.from(['sec', 'ond']), meta)
    expect(await text(await s.get('ab/one'))).toBe('first')
    expect(await text(await s.get('ab/two'))).toBe('second')
    await s.delete('ab/one')
    await s.delete('ab/one')
    await expect(s.get('ab/one')).rejects.toBeInstanceOf(StorageObjectMissing)
  })

  it('leaves nothing behind when the body fails half way', async () => {
    const s = await temporary()
    const failing = new Readable({ read() {} })
    failing.push('partial bytes')
    setTimeout(() => failing.destroy(new Error('client went away')), 20)
    await expect(s.put('cd/broken', failing, meta)).rejects.toThrow('client went away')
    expect(await readdir(join(s.root, 'cd'))).toEqual([])
  })

  it('refuses keys that could leave its folder', async () => {
    const s = await temporary()
    for (const key of ['../escape', 'a/../../b', '/etc/passwd', '.hidden', 'a/.x', 'A/B', 'a//b', ''])
      await expect(s.put(key, Buffer.from('x'), meta), key).rejects.toThrow('Invalid storage key')
  })

  it('lives in <DATA_DIR>/files, or in a temporary folder that close() removes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mosaic-data-'))
    try {
      const config = BaseConfig.parse({ SERVICE_NAME: 'x', MOSAIC_MODE: 'test', DATA_DIR: dataDir })
      const onDisk = await localStorageFor(config)
      expect(onDisk.root).toBe(join(dataDir, 'files'))
      await onDisk.put('ef/kept', Buffer.from('x'), meta)
      await onDisk.close()
      expect(existsSync(join(dataDir, 'files', 'ef', 'kept'))).toBe(true)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
    const scratch = await localStorageFor(BaseConfig.parse({ SERVICE_NAME: 'x', MOSAIC_MODE: 'test' }))
    expect(scratch.root.startsWith(tmpdir())).toBe(true)
    await scratch.put('ab/x', Buffer.from('x'), meta)
    await scratch.close()
    expect(existsSync(scratch.root)).toBe(false)
  })
})

describe('content checks', () => {
  const bytes = (...b: number[]) => Buffer.from(b)
  it.each([
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), true],
    ['image/png', bytes(0x89, 0x50, 0x4e), false],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xdb), true],
    ['image/gif', Buffer.from('GIF89a....'), true],
    ['image/webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), true],
    ['image/webp', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'), false],
    ['application/pdf', Buffer.from('%PDF-1.4'), true],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes(0x50, 0x4b, 3, 4),
      true,
    ],
    ['application/vnd.ms-excel', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), true],
    ['application/vnd.ms-excel', Buffer.from('a,b\n1,2\n'), false],
    ['application/zip', Buffer.from('MZ\x90\x00', 'latin1'), false],
    ['text/csv', Buffer.from('名称,金额\n'), true],
    ['text/plain', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), false],
    ['text/plain', bytes(0xfe, 0xff, 0, 0x41), true],
    ['application/x-custom', Buffer.from('MZ\x90'), false],
    ['application/x-custom', Buffer.from('\x7fELF\x02', 'latin1'), false],
    ['application/x-custom', Buffer.from('anything'), true],
  ])('%s with %o → %s', (type, head, ok) => {
    expect(contentMatches(type, head)).toBe(ok)
  })

  it('reads the media type of a Content-Type header', () => {
    expect(mediaTypeOf('Text/CSV; charset=utf-8')).toBe('text/csv')
    expect(mediaTypeOf('application/x-zip-compressed')).toBe('application/zip')
    expect(mediaTypeOf(undefined)).toBe('')
  })

  it('names downloads with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('plan.pdf')).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`)
    expect(contentDisposition(`合同 "v2" (50%)'s.pdf`)).toBe(
      `attachment; filename="__ _v2_ (50_)'s.pdf"; ` +
        `filename*=UTF-8''%E5%90%88%E5%90%8C%20%22v2%22%20%2850%25%29%27s.pdf`,
    )
  })
})
