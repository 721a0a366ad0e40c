import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import PasswordDialog from './PasswordDialog.vue'
import { click, mountOpen, problemError, resetAfterEach, settle, type } from '../test-utils'

resetAfterEach()

const base = {
  title: 'Reset password',
  labels: { next: 'New password', confirm: 'Confirm password' },
  nextRules: [{ required: true, min: 8, message: 'At least 8 characters', trigger: 'blur' }],
  mismatchText: 'The passwords do not match',
  submitText: 'Reset',
  successText: 'Password reset',
  submitTestId: 'password-submit',
}
const errors = () => [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())

async function fill(next: string, confirm: string, current?: string) {
  if (current !== undefined) type('field-currentPassword', current)
  type('field-newPassword', next)
  type('field-confirm', confirm)
  await flushPromises()
  click('password-submit')
  await flushPromises()
  await settle()
}

describe('PasswordDialog', () => {
  it('asks for the new password twice and refuses a mismatch before submitting', async () => {
    const submit = vi.fn().mockResolvedValue(undefined)
    await mountOpen(PasswordDialog, { ...base, submit }, [])
    expect(document.querySelector('[data-testid="field-currentPassword"]')).toBeNull()
    await fill('longenough', 'different')
    expect(errors()).toContain('The passwords do not match')
    expect(submit).not.toHaveBeenCalled()
    await fill('longenough', 'longenough')
    expect(submit).toHaveBeenCalledWith({ current: '', next: 'longenough' })
  })

  it('asks for the current password, and a different new one, when changing one’s own', async () => {
    const submit = vi.fn().mockResolvedValue(undefined)
    const labels = { ...base.labels, current: 'Current password' }
    await mountOpen(PasswordDialog, { ...base, labels, sameText: 'Must differ', submit }, [])
    await fill('longenough', 'longenough', 'longenough')
    expect(errors()).toContain('Must differ')
    expect(submit).not.toHaveBeenCalled()
    await fill('longenough', 'longenough', 'oldsecret')
    expect(submit).toHaveBeenCalledWith({ current: 'oldsecret', next: 'longenough' })
  })

  it('shows an error that names no field under generalErrorField', async () => {
    const submit = vi.fn().mockRejectedValue(problemError({ status: 422, detail: 'Too common a password' }))
    await mountOpen(PasswordDialog, { ...base, submit, generalErrorField: 'newPassword' }, [])
    await fill('longenough', 'longenough')
    expect(errors()).toContain('Too common a password')
  })
})
