import { createHash, type Hash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { Request } from 'express'
import { fileExtension, type ProblemCode, type ProblemParams } from '@mosaic/schemas'
import { badRequest, fieldError, problem, validationFailed } from '../errors.js'
import { SNIFF_BYTES, contentMatches, extensionMatches, mediaTypeOf } from './content-types.js'
import type { StorageAdapter } from './storage.js'

export const payloadTooLarge = (maxBytes: number) =>
  problem(413, 'attachment.too_large', { maxBytes }, { maxBytes })
export const unsupportedMediaType = (code: ProblemCode, params?: ProblemParams) => problem(415, code, params)

/** The declared type, if the allow-list has it. */
export function declaredType(req: Request, allowed: readonly string[]): string {
  const type = mediaTypeOf(req.headers['content-type'])
  if (!type) throw unsupportedMediaType('attachment.type_missing')
  if (!allowed.includes(type)) throw unsupportedMediaType('attachment.type_not_accepted', { type })
  return type
}

/**
 * The file name from `X-File-Name` (percent-encoded UTF-8, since header values are Latin-1):
 * only its last path segment, without control characters, at most 200 characters.
 */
export function fileNameOf(req: Request, type: string): string {
  const field = 'X-File-Name'
  const raw = req.headers['x-file-name']
  if (typeof raw !== 'string' || !raw.trim())
    throw validationFailed([fieldError(field, 'validation.required')])
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    throw validationFailed([fieldError(field, 'validation.invalid_characters')])
  }
  // eslint-disable-next-line no-control-regex
  const name = (decoded.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim()
  if (!name || name === '.' || name === '..')
    throw validationFailed([fieldError(field, 'validation.required')])
  if ([...name].length > 200)
    throw validationFailed([fieldError(field, 'validation.too_long', { maximum: 200 })])
  if (!extensionMatches(type, fileExtension(name)))
    throw unsupportedMediaType('attachment.extension_mismatch', { name, type })
  return name
}

/** Refuses a declared length beyond the limit before a byte is read. */
export function checkDeclaredLength(req: Request, maxBytes: number): void {
  const header = req.headers['content-length']
  if (header !== undefined && Number(header) > maxBytes) throw payloadTooLarge(maxBytes)
}

/**
 * Passes the body through while counting and hashing it. Nothing flows on until the first
 * bytes were checked against the declared type, and the stream fails as soon as the body
 * passes the limit, so a refused upload never finishes writing.
 */
class UploadGuard extends Transform {
  size = 0
  private readonly hash: Hash = createHash('sha256')
  private held: Buffer[] = []
  private checked = false

  constructor(
    private readonly type: string,
    private readonly maxBytes: number,
  ) {
    super()
  }

  get sha256(): string {
    return this.hash.digest('hex')
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length
    if (this.size > this.maxBytes) return done(payloadTooLarge(this.maxBytes))
    this.hash.update(chunk)
    if (this.checked) return done(null, chunk)
    this.held.push(chunk)
    if (this.size >= SNIFF_BYTES) return done(this.release())
    done()
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) return done(badRequest('attachment.empty'))
    done(this.checked ? null : this.release())
  }

  private release(): Error | null {
    const head = Buffer.concat(this.held)
    this.held = []
    this.checked = true
    if (!contentMatches(this.type, head.subarray(0, SNIFF_BYTES)))
      return unsupportedMediaType('attachment.content_mismatch', { type: this.type })
    this.push(head)
    return null
  }
}

/**
 * Streams the request body into storage under `key`. On any failure nothing stays stored and
 * the rest of the body is drained, so the client still reads the problem answer.
 */
export async function receiveUpload(
  req: Request,
  storage: StorageAdapter,
  key: string,
  o: { type: string; maxBytes: number },
): Promise<{ size: number; sha256: string }> {
  const guard = new UploadGuard(o.type, o.maxBytes)
  // The guard may fail before the storage attaches to it (while it creates folders); the refusal
  // is what the client must hear, not the storage's "premature close" that follows from it.
  let refusal: Error | undefined
  guard.on('error', (error) => (refusal ??= error))
  const interrupted = () => {
    if (!req.complete) guard.destroy(badRequest('attachment.interrupted'))
  }
  req.once('close', interrupted)
  req.pipe(guard)
  try {
    await storage.put(key, guard, { contentType: o.type })
    if (refusal) throw refusal
    return { size: guard.size, sha256: guard.sha256 }
  } catch (error) {
    req.unpipe(guard)
    req.resume()
    await storage.delete(key).catch(() => {})
    throw refusal ?? error
  } finally {
    req.off('close', interrupted)
  }
}
