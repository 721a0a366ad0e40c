import { describe, expect, expectTypeOf, it } from 'vitest'
import { DICT_TYPES, defaultDictTypes, isDictTypeCode, type DictTypeCode } from './catalog.js'

const byCode = new Map(DICT_TYPES.map((t) => [t.code as string, t]))
const labels = (code: string) => byCode.get(code)!.entries.map((e) => e.label.zh)

describe('dictionary catalog', () => {
  it('has every type the product uses, with snake_case codes', () => {
    expect(DICT_TYPES.map((t) => t.code)).toEqual([
      'product_unit',
      'payment_method',
      'courier_company',
      'invoice_type',
      'lead_source',
      'customer_level',
      'customer_status',
      'industry',
      'followup_method',
      'opportunity_stage',
      'lost_reason',
      'ticket_type',
      'ticket_priority',
      'collection_method',
    ])
    for (const t of DICT_TYPES) expect(t.code).toMatch(/^[a-z][a-z0-9_]{1,39}$/)
    expect(isDictTypeCode('lead_source')).toBe(true)
    expect(isDictTypeCode('nope')).toBe(false)
    expectTypeOf<'ticket_type'>().toExtend<DictTypeCode>()
    expectTypeOf<'nope'>().not.toExtend<DictTypeCode>()
  })

  it('gives entries unique ASCII values, valid colours and ascending sort', () => {
    for (const t of DICT_TYPES) {
      const values = t.entries.map((e) => e.value)
      expect(new Set(values).size, t.code).toBe(values.length)
      for (const e of t.entries) {
        expect(e.value).toMatch(/^[a-zA-Z0-9_.-]{1,40}$/)
        expect(e.color).toMatch(/^(primary|success|info|warning|danger|#[0-9a-fA-F]{6})$/)
        expect(e.label.zh.length && e.label.en.length).toBeGreaterThan(0)
      }
      const sorts = t.entries.map((e) => e.sort)
      expect(sorts).toEqual([...sorts].sort((a, b) => a - b))
    }
  })

  it('carries the Chinese vocabulary users know', () => {
    expect(labels('product_unit')).toEqual(['箱', '件', '台', '个', '千克'])
    expect(labels('payment_method')).toEqual(['现金', '转账', '承兑'])
    expect(labels('invoice_type')).toEqual(['专票', '普票'])
    expect(labels('lead_source')).toEqual(['微信群', '官网', '展会', '转介绍', '电话营销', '其他'])
    expect(labels('followup_method').slice(0, 4)).toEqual(['电话', '拜访', '微信', '邮件'])
    expect(labels('ticket_type').slice(0, 4)).toEqual(['咨询', '报修', '投诉', '建议'])
    expect(labels('ticket_priority')).toEqual(['低', '中', '高', '紧急'])
    expect(labels('courier_company').slice(0, 4)).toEqual(['顺丰速运', '中通快递', '圆通速递', 'EMS'])
  })

  it('gives each opportunity stage its default win probability', () => {
    const stages = byCode.get('opportunity_stage')!.entries.map((e) => [e.label.zh, e.extra?.probability])
    expect(stages).toEqual([
      ['初步接洽', 10],
      ['需求确认', 30],
      ['方案报价', 60],
      ['谈判审核', 80],
      ['赢单', 100],
      ['输单', 0],
    ])
  })

  it('converts to stored types with every entry enabled', () => {
    const types = defaultDictTypes()
    expect(types).toHaveLength(DICT_TYPES.length)
    const stage = types.find((t) => t.code === 'opportunity_stage')!
    expect(stage.builtIn).toBe(true)
    expect(stage.entries[0]).toEqual({
      typeCode: 'opportunity_stage',
      value: 'initial',
      label: { zh: '初步接洽', en: 'Initial contact' },
      color: 'info',
      sort: 10,
      enabled: true,
      extra: { probability: 10 },
    })
    expect(types.find((t) => t.code === 'product_unit')!.entries[0].extra).toBeNull()
  })
})
