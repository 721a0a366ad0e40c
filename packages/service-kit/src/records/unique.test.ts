import { describe, expect, it } from 'vitest'
import { conflict } from '../errors.js'
import { uniqueOr } from './unique.js'

const violation = (constraint: string) =>
  Object.assign(new Error('dup'), { driverError: { code: '23505', constraint } })

describe('uniqueOr', () => {
  it('answers the refusal for a unique violation of the named index only', async () => {
    const refusal = () => conflict('http.conflict')
    await expect(
      uniqueOr(Promise.reject(violation('product_code_uq')), 'product_code_uq', refusal),
    ).rejects.toMatchObject({
      status: 409,
    })
    const other = violation('other_uq')
    await expect(uniqueOr(Promise.reject(other), 'product_code_uq', refusal)).rejects.toBe(other)
    await expect(uniqueOr(Promise.resolve(7), 'product_code_uq', refusal)).resolves.toBe(7)
  })
})
