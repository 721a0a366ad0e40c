import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { MigrationInterface, QueryRunner } from 'typeorm'
import { packPermissions } from '../auth/principal.js'
import { problem } from '../errors.js'
import { registerAggregate } from '../records/aggregate.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { KitIdempotencyKeys1766000100000 } from './migration.js'

class CreateTicket1766000100900 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE ticket (id serial PRIMARY KEY, title varchar(100) NOT NULL)')
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE ticket')
  }
}

/** A ticket, or the problem answering instead. */
interface TicketAnswer {
  id: number
  title: string
  code?: string
  errors: Array<{ field: string; code: string }>
}

const TicketCreate = z.strictObject({ title: z.string().max(100), fail: z.boolean().optional() })

describe('idempotent create (Idempotency-Key)', () => {
  let demo: Demo
  let token: string
  let other: string

  beforeAll(async () => {
    demo = await startDemo({
      migrations: [KitIdempotencyKeys1766000100000, CreateTicket1766000100900],
      routes: ({ api, db }) =>
        registerAggregate(api, {
          resource: 'sales.lead',
          path: '/tickets',
          db,
          create: {
            summary: 'Open a ticket',
            body: TicketCreate,
            idempotent: true,
            run: async (m, _ctx, body) => {
              const [row] = await m.query('INSERT INTO ticket (title) VALUES ($1) RETURNING id, title', [
                body.title,
              ])
              // Slow enough that concurrent retries really overlap the first request.
              await m.query('SELECT pg_sleep(0.05)')
              if (body.fail) throw problem(409, 'http.conflict')
              return row as never
            },
          },
        }),
    })
    token = await demo.token({ claims: { perms: packPermissions(['sales.lead.create']) } })
    other = await demo.token({
      claims: { sub: '00000000-0000-4000-8000-000000000002', perms: packPermissions(['sales.lead.create']) },
    })
  })
  afterAll(async () => {
    await demo?.close()
  })

  async function post(body: unknown, key?: string, as = token) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${as}`,
      'content-type': 'application/json',
    }
    if (key !== undefined) headers['idempotency-key'] = key
    const res = await fetch(`${demo.base}/api/demo/tickets`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    })
    return {
      status: res.status,
      body: (await res.json()) as TicketAnswer,
      replayed: res.headers.get('idempotent-replayed'),
    }
  }
  const count = async () =>
    Number((await demo.service.db.dataSource.query('SELECT count(*) FROM ticket'))[0].count)

  it('requires a valid key: 400 naming the header', async () => {
    const missing = await post({ title: 'x' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'headers.Idempotency-Key', code: 'idempotency.key_required' }),
    ])
    const short = await post({ title: 'x' }, 'abc')
    expect(short.status).toBe(400)
    expect(short.body.errors[0].code).toBe('idempotency.key_invalid')
    expect(await count()).toBe(0)
  })

  it('runs concurrent requests with one key once; each answers the same; another body is a 422', async () => {
    const key = 'key-concurrent-0001'
    const answers = await Promise.all(Array.from({ length: 8 }, () => post({ title: 'Once' }, key)))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201))
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(7)
    expect(await count()).toBe(1)
    const again = await post({ title: 'Once' }, key)
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: answers[0]!.body })
    const reused = await post({ title: 'Other' }, key)
    expect(reused.status).toBe(422)
    expect(reused.body.code).toBe('idempotency.key_reused')
    expect(await count()).toBe(1)
  })

  it('scopes keys by caller, leaves no key after a failed write, and forgets keys after 24 hours', async () => {
    const key = 'key-shared-0000002'
    expect((await post({ title: 'Mine' }, key)).status).toBe(201)
    expect((await post({ title: 'Theirs' }, key, other)).status).toBe(201)
    expect(await count()).toBe(3)

    const failing = 'key-failing-000003'
    expect((await post({ title: 'Fails', fail: true }, failing)).status).toBe(409)
    const retried = await post({ title: 'Works' }, failing)
    expect(retried).toMatchObject({ status: 201, replayed: null })

    await demo.service.db.dataSource.query(
      "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1",
      [key],
    )
    const later = await post({ title: 'New day' }, key)
    expect(later).toMatchObject({ status: 201, replayed: null })
    expect(later.body.title).toBe('New day')
  })
})
