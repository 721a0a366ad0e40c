import { expect } from 'vitest'
import type { CallOptions, Reply } from './testing-harness.js'
import type { HarnessBase } from './testing-files.js'

/**
 * The calls an import/export test makes over any list (decision 108): the upload is a raw body (the
 * harness' `call` speaks JSON only), downloads keep their bytes, and a commit is polled until the
 * background writer is done. Written once so every service's exchange tests state only their list.
 */

/** The part of a harness these helpers use. */
export interface ExchangeHarness extends HarnessBase {
  call(method: string, path: string, c?: CallOptions): Promise<Reply>
}

/** An answer a test reads loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the answer loosely
type Loose = any

/** Someone's token. */
export interface TokenHolder {
  token: string
}

/** POSTs a file to `<path>/imports` the way the apps' import dialog does (the answer read loosely). */
export async function uploadImport(
  h: HarnessBase,
  u: TokenHolder,
  path: string,
  name: string,
  body: string | Buffer,
  type = 'text/csv',
): Promise<{ status: number; body: Loose }> {
  const res = await fetch(`${h.base}${path}/imports`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${u.token}`,
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
    },
    body,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** A downloaded file: status, headers and the bytes. */
export interface Download {
  status: number
  headers: Headers
  bytes: Buffer
}

/** GETs an export or a template, keeping the bytes. */
export async function downloadFile(
  h: HarnessBase,
  u: TokenHolder,
  pathAndQuery: string,
  lang = 'zh-CN',
): Promise<Download> {
  const res = await fetch(`${h.base}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${u.token}`, 'accept-language': lang },
  })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** Polls a batch until its background commit is done, answering the batch. */
export async function importSettled(h: ExchangeHarness, u: TokenHolder, path: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const res = await h.call('GET', `${path}/imports/${id}`, { token: u.token })
    if (!['running', 'checked', 'uploaded'].includes(res.body.status)) return res.body
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('import did not finish')
}

/** Uploads a file with its suggested mapping, commits it and waits for the batch. */
export async function importFile(
  h: ExchangeHarness,
  u: TokenHolder,
  path: string,
  file: { name: string; body: string | Buffer; type?: string },
  duplicates: 'skip' | 'update' = 'skip',
) {
  const up = await uploadImport(h, u, path, file.name, file.body, file.type)
  expect(up.status, JSON.stringify(up.body)).toBe(201)
  const plan = { mapping: up.body.batch.mapping, duplicates }
  const commit = await h.call('POST', `${path}/imports/${up.body.batch.id}/commit`, {
    token: u.token,
    body: plan,
  })
  expect(commit.status, JSON.stringify(commit.body)).toBe(202)
  return importSettled(h, u, path, up.body.batch.id)
}

/** A CSV import committed with its suggested mapping. */
export const importCsv = (
  h: ExchangeHarness,
  u: TokenHolder,
  path: string,
  csv: string,
  duplicates: 'skip' | 'update' = 'skip',
) => importFile(h, u, path, { name: 'data.csv', body: csv }, duplicates)

/** Uploads a file and runs its dry run with the suggested mapping. */
export async function dryRun(
  h: ExchangeHarness,
  u: TokenHolder,
  path: string,
  csv: string,
  duplicates: 'skip' | 'update' = 'skip',
) {
  const up = await uploadImport(h, u, path, 'data.csv', csv)
  expect(up.status, JSON.stringify(up.body)).toBe(201)
  const dry = await h.call('POST', `${path}/imports/${up.body.batch.id}/dry-run`, {
    token: u.token,
    body: { mapping: up.body.batch.mapping, duplicates },
  })
  expect(dry.status, JSON.stringify(dry.body)).toBe(200)
  return { batch: up.body.batch, dry: dry.body }
}
