import { describe, expect, it } from 'vitest'
import { isProblemCode } from './problems/index.js'
import { PATTERN_CODES, PHONE_PATTERN, WEBSITE_PATTERN } from './patterns.js'
import { sales } from './index.js'

const messages = (r: {
  success: boolean
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
}) => Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))

describe('shared formats', () => {
  it('every format answers with a catalog code, never free text', () => {
    for (const code of Object.values(PATTERN_CODES)) expect(isProblemCode(code), code).toBe(true)
    const bad = sales.CustomerCreate.safeParse({
      name: 'X',
      phone: 'call me',
      website: 'not a site',
      contact: { name: 'Y', email: 'nope' },
    })
    expect(messages(bad)).toEqual({
      phone: 'validation.phone',
      website: 'validation.website',
      'contact.email': 'validation.email',
    })
    const line = sales.OpportunityLineInput.safeParse({
      productId: '00000000-0000-4000-8000-000000000001',
      quantity: '1.23456',
      unitPrice: '1.234',
    })
    expect(messages(line)).toEqual({ quantity: 'validation.quantity', unitPrice: 'validation.money' })
  })

  it('the browser and the server accept the same phones and sites', () => {
    for (const ok of ['13800000000', '+86 (21) 5555-1234']) expect(PHONE_PATTERN.test(ok)).toBe(true)
    for (const bad of ['1234', 'abc12345', '138 0000 0000 0000 0000 0000 0000 00'])
      expect(PHONE_PATTERN.test(bad)).toBe(false)
    expect(WEBSITE_PATTERN.test('www.example.cn')).toBe(true)
    expect(WEBSITE_PATTERN.test('example')).toBe(false)
  })
})
