import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BaseConfig } from '../config.js'
import { LocalDiskStorage } from '../attachments/storage.js'
import { attachmentPolicy } from '../attachments/policy.js'
import { fieldCodes } from '../testing-expect.js'
import { startServiceHarness, type ServiceHarness } from '../testing-harness.js'
import type { Service } from '../service.js'
import { createDomainService } from './domain-service.js'
import { directoryOwners } from './owners.js'

const { directoryOwner, resolveOwner } = directoryOwners('sales')

describe('createDomainService', () => {
  let h: ServiceHarness<BaseConfig, Service>
  let storage: LocalDiskStorage
  let jobStarted = false

  beforeAll(async () => {
    storage = await LocalDiskStorage.temporary()
    h = await startServiceHarness({
      name: 'demo',
      config: (env) => BaseConfig.parse({ SERVICE_NAME: 'demo', ...env }),
      build: (config, { verifier }) =>
        createDomainService({
          config,
          verifier,
          storage,
          database: { entities: [], migrations: [] },
          modules: [
            ({ api, db, dicts }) => {
              api.route({
                method: 'post',
                path: '/check',
                summary: 'Checks a level against the dictionaries, an owner against the replica',
                access: 'authenticated',
                body: z.object({ level: z.string(), ownerId: z.string().optional() }),
                status: 200,
                handler: async ({ body, principal }) => {
                  await dicts.assert([{ field: 'level', type: 'customer_level', value: body.level }])
                  const owner = await db.transaction((m) =>
                    resolveOwner(m, principal, body.ownerId, 'demo.record.transfer'),
                  )
                  return { ownerName: owner.ownerName }
                },
              })
            },
          ],
          recycleBin: { stores: [], read: 'demo.recycle.read' },
          attachments: { policy: attachmentPolicy([]), upload: 'demo.file.upload', read: 'authenticated' },
          jobs: [
            { name: 'flag', start: () => ((jobStarted = true), { stop: () => void (jobStarted = false) }) },
          ],
        }),
    })
  })
  afterAll(() => h?.close())

  it('trusts the harness tokens of users in the replica, and checks values against the built-in dictionaries', async () => {
    const ann = await h.user('ann', { permissions: [] })
    const ok = await h.call('POST', '/check', { token: ann.token, body: { level: 'A' } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body).toEqual({ ownerName: 'ann' })
    const bad = await h.call('POST', '/check', { token: ann.token, body: { level: 'Z' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(fieldCodes(bad))).toEqual(['level'])
  })

  it('chooses another owner only with the transfer permission, among enabled users of the replica', async () => {
    const ann = await h.user('ann', { permissions: [] })
    const bob = await h.user('bob', { permissions: ['demo.record.transfer'] })
    const toBob = { level: 'A', ownerId: bob.id }
    const refused = await h.call('POST', '/check', { token: ann.token, body: toBob })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('sales.owner.needs_transfer')
    const chosen = await h.call('POST', '/check', { token: bob.token, body: { level: 'A', ownerId: ann.id } })
    expect(chosen.body).toEqual({ ownerName: 'ann' })
    const unknown = h.service.db.transaction((m) =>
      directoryOwner(m, '00000000-0000-4000-8000-00000000abcd', 'assignee'),
    )
    await expect(unknown).rejects.toMatchObject({
      status: 400,
      extra: { errors: [expect.objectContaining({ field: 'assignee', code: 'sales.user.unknown' })] },
    })
  })

  it('offers audit search, the recycle bin and attachments with their access rules', async () => {
    const nobody = await h.user('nobody', { permissions: [] })
    const auditor = await h.user('auditor', { permissions: ['admin.audit.read', 'demo.recycle.read'] })
    expect((await h.call('GET', '/audit', { token: nobody.token })).status).toBe(403)
    expect((await h.call('GET', '/audit', { token: auditor.token })).status).toBe(200)
    expect((await h.call('GET', '/recycle-bin', { token: nobody.token })).status).toBe(403)
    expect((await h.call('GET', '/recycle-bin', { token: auditor.token })).body.items).toEqual([])
    const uploader = await h.user('uploader', { permissions: ['demo.file.upload'] })
    const upload = await fetch(`${h.base}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${uploader.token}`,
        'content-type': 'text/plain',
        'x-file-name': 'note.txt',
      },
      body: 'hello',
    })
    expect(upload.status).toBe(201)
    const { id } = (await upload.json()) as { id: string }
    const download = await fetch(`${h.base}/attachments/${id}`, {
      headers: { authorization: `Bearer ${uploader.token}` },
    })
    expect(await download.text()).toBe('hello')
  })

  it('runs its jobs while listening, and releases the storage when it closes', async () => {
    expect(jobStarted).toBe(true)
    await h.close()
    expect(jobStarted).toBe(false)
    expect(existsSync(storage.root)).toBe(false)
  })
})
