import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, open, rename, rm, unlink } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { BaseConfig } from '../config.js'
import { dataDirOf } from '../service.js'

export interface StoredObjectMeta {
  contentType: string
}

/**
 * Where uploaded files live. Keys are chosen by the kit (`ab/<uuid>`), never by a client.
 * The local-disk adapter is the default; an S3-compatible adapter implements the same four
 * calls (a multipart upload for `put`, since the size of a streamed body is not known up front).
 */
export interface StorageAdapter {
  /** Stores the whole body under `key`, or nothing: a failed or aborted body leaves no object. */
  put(key: string, body: Readable | Buffer, meta: StoredObjectMeta): Promise<void>
  /** The object's bytes; rejects with StorageObjectMissing when there is none. */
  get(key: string): Promise<Readable>
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>
  /** Releases what the adapter holds (a temporary directory, a client). */
  close?(): Promise<void>
}

export class StorageObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`No stored object ${key}`)
    this.name = 'StorageObjectMissing'
  }
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/

/** Files under one directory, one file per key. */
export class LocalDiskStorage implements StorageAdapter {
  private constructor(
    readonly root: string,
    private readonly temporary: boolean,
  ) {}

  static at(root: string): LocalDiskStorage {
    return new LocalDiskStorage(root, false)
  }

  /** A fresh directory under the OS temp dir, removed by `close()` (tests). */
  static async temporary(): Promise<LocalDiskStorage> {
    return new LocalDiskStorage(await mkdtemp(join(tmpdir(), 'mosaic-files-')), true)
  }

  private pathOf(key: string): string {
    // Keys come from the kit, but a path built from one must never leave the root.
    if (!KEY.test(key) || key.split('/').some((part) => part.startsWith('.')))
      throw new Error(`Invalid storage key ${JSON.stringify(key)}`)
    return join(this.root, key)
  }

  async put(key: string, body: Readable | Buffer, _meta: StoredObjectMeta): Promise<void> {
    const path = this.pathOf(key)
    await mkdir(dirname(path), { recursive: true })
    // Written aside and renamed into place, so a reader never sees half a file.
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(partial))
      await rename(partial, path)
    } catch (error) {
      await unlink(partial).catch(() => {})
      throw error
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r')
      return handle.createReadStream()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageObjectMissing(key)
      throw error
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true })
  }

  async close(): Promise<void> {
    if (this.temporary) await rm(this.root, { recursive: true, force: true })
  }
}

/**
 * The default storage of a service: `<DATA_DIR>/files`, or a temporary directory for a test
 * service that keeps its database in memory (no data dir).
 */
export async function localStorageFor(config: BaseConfig): Promise<LocalDiskStorage> {
  const dir = dataDirOf(config)
  return dir ? LocalDiskStorage.at(join(dir, 'files')) : LocalDiskStorage.temporary()
}
