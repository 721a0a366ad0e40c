import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from './http'
import { messageOf } from './errors'
import { setLocale } from './i18n'

const problem = {
  type: 'x',
  title: 'Bad Request',
  status: 400,
  detail: 'One or more fields are invalid.',
  code: 'http.validation_failed',
  errors: [
    { field: 'name', message: 'At most 40 characters', code: 'validation.too_long', params: { maximum: 40 } },
  ],
}

describe('server problems in the reader’s language', () => {
  afterEach(() => setLocale('zh-CN'))

  it('translates the code and the field codes, following the locale', () => {
    setLocale('zh-CN')
    const err = new ApiError(problem)
    expect(messageOf(err)).toBe('提交内容有误，请检查表单')
    expect(err.fieldErrors).toEqual({ name: '最多 40 个字符' })
    setLocale('en')
    expect(messageOf(err)).toBe('One or more fields are invalid.')
    expect(err.fieldErrors).toEqual({ name: 'At most 40 characters' })
  })

  it('keeps the server’s words for a code this client does not know', () => {
    const err = new ApiError({ ...problem, code: 'future.thing', detail: 'Something new.', errors: [] })
    expect(messageOf(err)).toBe('Something new.')
  })
})
