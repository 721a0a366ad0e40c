import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { problemError } from '../test-utils'

const login = vi.fn()
vi.mock('@mosaic/web-kit', async (original) => ({
  ...(await original<object>()),
  useAuthStore: () => ({ login }),
}))
const { default: LoginForm } = await import('./LoginForm.vue')

async function submit(username: string, password: string) {
  const wrapper = mount(LoginForm)
  await wrapper.get('input[data-testid="login-username"]').setValue(username)
  await wrapper.get('input[data-testid="login-password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  return wrapper
}

describe('LoginForm', () => {
  it('logs in and emits success', async () => {
    login.mockResolvedValueOnce({})
    const wrapper = await submit(' admin ', 'secret')
    expect(login).toHaveBeenCalledWith('admin', 'secret')
    expect(wrapper.emitted('success')).toHaveLength(1)
  })

  it("shows the problem's detail on failure", async () => {
    login.mockRejectedValueOnce(problemError({ status: 401, detail: 'Wrong username or password' }))
    const wrapper = await submit('admin', 'bad')
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('Wrong username or password')
    expect(wrapper.emitted('success')).toBeUndefined()
  })

  it('shows the lockout message on 423', async () => {
    login.mockRejectedValueOnce(problemError({ status: 423, detail: 'Try again in 15 minutes' }))
    const wrapper = await submit('admin', 'bad')
    const text = wrapper.get('[data-testid="login-error"]').text()
    expect(text).toContain('账号已被锁定')
    expect(text).toContain('15 minutes')
  })

  it('a coded lockout reads in the user’s language with the time in their time zone, not raw UTC', async () => {
    const until = '2026-12-04T02:30:00.000Z'
    login.mockRejectedValueOnce(
      problemError({
        status: 423,
        code: 'auth.account_locked',
        params: { until },
        detail: `Too many failed sign-ins. The account is locked until ${until}.`,
      }),
    )
    const wrapper = await submit('admin', 'bad')
    const text = wrapper.get('[data-testid="login-error"]').text()
    expect(text).toContain('账号已锁定至')
    expect(text).not.toContain(until)
  })
})
