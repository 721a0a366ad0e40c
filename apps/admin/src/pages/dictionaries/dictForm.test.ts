import { describe, expect, it } from 'vitest'
import { entryCreateBody, emptyEntryForm, parseExtraValue } from './dictForm'

describe('dictForm', () => {
  it('types extra values the way admins mean them', () => {
    expect(parseExtraValue('60')).toBe(60)
    expect(parseExtraValue('0.5')).toBe(0.5)
    expect(parseExtraValue('true')).toBe(true)
    expect(parseExtraValue(' ')).toBeNull()
    expect(parseExtraValue('SF')).toBe('SF')
  })

  it('builds a create body with trimmed labels, null colour and no empty extras', () => {
    const form = {
      ...emptyEntryForm(20),
      value: ' box ',
      label: { zh: ' 箱 ', en: 'Box' },
      extra: [{ key: ' ', value: 'x' }],
    }
    expect(entryCreateBody(form)).toEqual({
      value: 'box',
      label: { zh: '箱', en: 'Box' },
      color: null,
      sort: 20,
      enabled: true,
      extra: null,
    })
  })
})
