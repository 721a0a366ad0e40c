import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPermissionCode } from '@mosaic/permissions'
import { recordType } from '@mosaic/ui/records'
import serviceModule from './routes'
import { messages } from './messages'

type Tree = { [key: string]: string | Tree }
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })

describe('service remote module', () => {
  it('describes itself for the shell menu with icons the shell can resolve', async () => {
    expect(serviceModule).toMatchObject({
      name: 'service',
      basePath: '/service',
      title: { zh: '服务', en: 'Service' },
    })
    const icons = (await import('@element-plus/icons-vue')) as Record<string, unknown>
    for (const icon of [serviceModule.icon, ...serviceModule.routes.map((r) => r.meta?.icon)])
      expect(icons[String(icon)], String(icon)).toBeTruthy()
  })

  it('gives every staff page a prefixed name, titles in both languages, a real permission and a lazy chunk', () => {
    for (const r of serviceModule.routes) {
      expect(String(r.name)).toMatch(/^service-/)
      expect(r.meta?.title?.zh && r.meta.title.en).toBeTruthy()
      const codes = [r.meta?.permission].flat()
      expect(codes.length).toBeGreaterThan(0)
      for (const code of codes) expect(isPermissionCode(code), String(code)).toBe(true)
      expect(typeof (r as { component?: unknown }).component).toBe('function')
    }
    expect(Object.fromEntries(serviceModule.routes.map((r) => [r.path, r.meta?.permission]))).toEqual({
      tickets: 'tickets.ticket.read',
      'portal-accounts': 'tickets.portal-account.read',
      'recycle-bin': ['tickets.ticket.restore', 'admin.recycle.read'],
    })
  })

  it('has the same message keys in Chinese and English', () => {
    expect(keys(messages.en as Tree).sort()).toEqual(keys(messages['zh-CN'] as Tree).sort())
  })

  it('defines every literal service.* key the staff screens translate', () => {
    const zh = keys(messages['zh-CN'] as Tree)
    const used = new Set<string>()
    const staff = sources(__dirname).filter((f) => !f.includes(`${join(__dirname, 'portal')}`))
    for (const file of staff)
      for (const m of readFileSync(file, 'utf8').matchAll(/'(service\.[\w.]+)'/g)) used.add(m[1]!)
    expect(used.size).toBeGreaterThan(60)
    // A key may also name a subtree (the prefix of a record type's options).
    const known = (k: string) => zh.includes(k) || zh.some((z) => z.startsWith(`${k}.`))
    expect([...used].filter((k) => !known(k))).toEqual([])
  })

  it('registers the ticket and customer account record types, each linking to its page', () => {
    for (const type of ['ticket', 'portal_account']) {
      expect(recordType(type)?.service).toBe('tickets')
      expect(recordType(type)?.link?.('x')).toMatch(/^\/service\/[\w-]+\?open=x$/)
    }
  })

  it('has a label for every ticket status, channel and log action the contract knows', async () => {
    const { tickets } = await import('@mosaic/schemas')
    const zh = keys(messages['zh-CN'] as Tree)
    for (const s of tickets.TICKET_STATUSES) expect(zh).toContain(`service.ticket.statuses.${s}`)
    for (const c of tickets.TICKET_CHANNELS) expect(zh).toContain(`service.ticket.channels.${c}`)
    for (const a of tickets.TICKET_LOG_ACTIONS) expect(zh).toContain(`service.ticket.logActions.${a}`)
  })
})
