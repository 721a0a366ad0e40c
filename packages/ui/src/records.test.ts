import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { AuditEntry, VersionEntry } from '@mosaic/schemas'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { field, recordTypes, registerRecordTypes } from './records'

const get = vi.fn()
vi.mock('@mosaic/web-kit', () => ({ api: { get } }))
const { default: AuditTimeline } = await import('./features/AuditTimeline.vue')
const { default: VersionHistory } = await import('./features/VersionHistory.vue')
const { default: DiffTable } = await import('./features/DiffTable.vue')

enableAutoUnmount(afterEach)
afterEach(() => vi.clearAllMocks())

const ALICE = '11111111-1111-4111-8111-111111111111'
const BOB = '22222222-2222-4222-8222-222222222222'
const EAST = '33333333-3333-4333-8333-333333333333'
const ROLE = '44444444-4444-4444-8444-444444444444'
const GONE = '55555555-5555-4555-8555-555555555555'
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

beforeAll(() => {
  configureDictionaries({
    locale: ref('zh-CN'),
    load: async () => [
      {
        code: 'customer_level',
        name: { zh: '客户级别', en: 'Level' },
        builtIn: true,
        entries: [
          {
            typeCode: 'customer_level',
            value: 'vip',
            label: { zh: '重要客户', en: 'VIP' },
            color: null,
            sort: 1,
            enabled: true,
          },
        ],
      },
    ],
  })
  registerRecordTypes({
    widget: {
      service: 'demo',
      label: { zh: '客户', en: 'Customer' },
      link: (id) => `/demo/widgets/${id}`,
      fields: {
        name: field.text({ zh: '客户名称', en: 'Name' }),
        ownerId: field.user({ zh: '负责人', en: 'Owner' }, 'ownerName'),
        ownerName: field.hidden,
        deptId: field.dept({ zh: '所属部门', en: 'Department' }),
        roleIds: field.role({ zh: '角色', en: 'Roles' }),
        level: field.dict('customer_level', { zh: '客户级别', en: 'Level' }),
        amount: field.money({ zh: '金额', en: 'Amount' }),
        nextFollowUpAt: field.datetime({ zh: '下次跟进', en: 'Next follow-up' }),
        locked: field.boolean({ zh: '锁定', en: 'Locked' }),
        stage: field.enum({ zh: '阶段', en: 'Stage' }, { won: { zh: '赢单', en: 'Won' } }),
      },
    },
  })
})

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: crypto.randomUUID(),
  at: '2026-01-02T03:04:05Z',
  actorId: ALICE,
  actorName: 'alice (old name)',
  action: 'update',
  entityType: 'widget',
  entityId: 'w1',
  entityTitle: null,
  diff: {},
  note: null,
  requestId: null,
  names: {},
  ...over,
})

const cells = (root: ParentNode, field: string) => {
  const row = root.querySelector(`tr[data-field="${field}"]`)
  return row
    ? [
        row.querySelector('.mosaic-diff__field')?.textContent,
        row.querySelector('.mosaic-diff__before')?.textContent,
        row.querySelector('.mosaic-diff__after')?.textContent,
      ]
    : null
}

describe('record registry and readable history', () => {
  it('lists registered types with the team fields every record type shares', () => {
    const [type, spec] = recordTypes().find(([t]) => t === 'widget')!
    expect(type).toBe('widget')
    expect(spec.fields.teamMember?.kind).toBe('user')
    expect(spec.link?.('x')).toBe('/demo/widgets/x')
  })

  it('shows labels, names, dictionary labels, local times, money; hides undeclared fields', async () => {
    get.mockResolvedValue([
      entry({
        action: 'transfer',
        diff: {
          ownerId: { before: ALICE, after: BOB },
          ownerName: { before: 'alice', after: 'bob' },
          deptId: { before: null, after: EAST },
          roleIds: { before: [], after: [ROLE] },
          level: { before: null, after: 'vip' },
          amount: { before: '1234567.5', after: null },
          nextFollowUpAt: { before: null, after: '2026-03-04T05:06:07Z' },
          locked: { before: false, after: true },
          stage: { before: null, after: 'won' },
          ownerSince: { before: null, after: '2026-01-01T00:00:00Z' },
          access: { before: null, after: 'scope' },
          version: { before: 1, after: 2 },
        },
        names: { [ALICE]: 'Alice Wang', [BOB]: 'Bob Li', [EAST]: '华东销售部', [ROLE]: '销售经理' },
      }),
    ])
    const w = mount(AuditTimeline, { props: { path: '/api/demo/widgets/w1' } })
    await flushPromises()
    const root = w.element
    expect(w.get('[data-testid="audit-action"]').text()).toBe('转移')
    expect(w.text()).toContain('Alice Wang') // the actor, by their current name
    expect(cells(root, 'ownerId')).toEqual(['负责人', 'Alice Wang', 'Bob Li'])
    expect(cells(root, 'deptId')).toEqual(['所属部门', '—', '华东销售部'])
    expect(cells(root, 'roleIds')).toEqual(['角色', '—', '销售经理'])
    expect(cells(root, 'level')).toEqual(['客户级别', '—', '重要客户'])
    expect(cells(root, 'amount')).toEqual(['金额', '¥1,234,567.50', '—'])
    const local = new Date('2026-03-04T05:06:07Z')
    expect(cells(root, 'nextFollowUpAt')?.[2]).toContain(`${String(local.getHours()).padStart(2, '0')}:06:07`)
    expect(cells(root, 'locked')).toEqual(['锁定', '否', '是'])
    expect(cells(root, 'stage')).toEqual(['阶段', '—', '赢单'])
    for (const hidden of ['ownerName', 'ownerSince', 'access', 'version'])
      expect(cells(root, hidden)).toBeNull()
    expect(w.text()).not.toMatch(UUID)
  })

  it("translates the kit's note on a version restore", async () => {
    get.mockResolvedValue([entry({ action: 'restore_version', note: 'Restored version 3' })])
    const w = mount(AuditTimeline, { props: { path: '/api/demo/widgets/w1' } })
    await flushPromises()
    expect(w.get('[data-testid="audit-action"]').text()).toBe('恢复版本')
    expect(w.get('.mosaic-audit-timeline__note').text()).toBe('已恢复到版本 3')
  })

  it('names team members and their access; an id nobody can name is not shown raw', async () => {
    const w = mount(DiffTable, {
      props: {
        entityType: 'widget',
        diff: {
          teamMember: { before: null, after: BOB },
          teamAccess: { before: null, after: 'write' },
          ownerId: { before: GONE, after: null },
        },
        names: { [BOB]: 'Bob Li' },
      },
    })
    expect(cells(w.element, 'teamMember')).toEqual(['协作人', '—', 'Bob Li'])
    expect(cells(w.element, 'teamAccess')).toEqual(['协作权限', '—', '读写'])
    expect(cells(w.element, 'ownerId')).toEqual(['负责人', '（已不存在）', '—'])
    expect(w.text()).not.toMatch(UUID)
  })

  const version = (v: number, snapshot: Record<string, unknown>, over: Partial<VersionEntry> = {}) =>
    ({
      version: v,
      at: '2026-01-02T03:04:05Z',
      actorId: ALICE,
      actorName: 'alice',
      action: v === 1 ? 'create' : 'update',
      snapshot,
      names: { [ALICE]: 'Alice Wang', [BOB]: 'Bob Li' },
      ...over,
    }) satisfies VersionEntry

  it('a record with one version shows what it was created with, never "1 → 1" or derived fields', async () => {
    get.mockImplementation(async (url: string) =>
      url.endsWith('/versions') ? [version(1, { name: 'Acme', ownerId: ALICE })] : {},
    )
    const w = mount(VersionHistory, {
      props: {
        path: '/api/demo/widgets/w1',
        entityType: 'widget',
        // The API shape carries fields the snapshot never has (access, version): not a change.
        current: { id: 'w1', version: 1, name: 'Acme', ownerId: ALICE, access: 'scope' },
      },
    })
    await flushPromises()
    const diff = w.get('[data-testid="version-diff"]')
    expect(diff.text()).not.toMatch(/1\s*→\s*1/)
    expect(w.get('[data-testid="version-diff-title"]').text()).toBe('版本 1（当前版本）：新建时的内容')
    expect(cells(diff.element, 'name')).toEqual(['客户名称', '—', 'Acme'])
    expect(cells(diff.element, 'ownerId')).toEqual(['负责人', '—', 'Alice Wang'])
    expect(cells(diff.element, 'access')).toBeNull()
    expect(w.text()).toContain('新增')
    expect(w.text()).not.toMatch(UUID)
  })

  it('an earlier version is compared with the newest snapshot, with names', async () => {
    get.mockImplementation(async (url: string) =>
      url.endsWith('/versions')
        ? [
            version(2, { name: 'Acme', ownerId: BOB }, { action: 'transfer' }),
            version(1, { name: 'Acme', ownerId: ALICE }),
          ]
        : {},
    )
    const w = mount(VersionHistory, {
      props: { path: '/api/demo/widgets/w1', entityType: 'widget', current: { version: 2, access: 'scope' } },
    })
    await flushPromises()
    // The list opens on the version before the newest.
    expect(w.get('[data-testid="version-diff-title"]').text()).toBe('版本 1 与当前版本（版本 2）的差异')
    const diff = w.get('[data-testid="version-diff"]').element
    expect(cells(diff, 'ownerId')).toEqual(['负责人', 'Alice Wang', 'Bob Li'])
    expect(cells(diff, 'name')).toBeNull()
    expect(w.text()).toContain('转移')
  })
})
