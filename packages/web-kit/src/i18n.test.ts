import { beforeEach, describe, expect, it, vi } from 'vitest'

// i18n state is module-wide by design (one per page), so each test gets a fresh module.
let m: typeof import('./i18n')
beforeEach(async () => {
  vi.resetModules()
  localStorage.clear()
  m = await import('./i18n')
})

describe('i18n', () => {
  it('defaults to zh-CN with common messages', () => {
    const i18n = m.createMosaicI18n()
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(i18n.global.t('common.save')).toBe('保存')
  })

  it('addMessages merges a remote module into the one instance, also when called before creation', () => {
    m.addMessages({ 'zh-CN': { early: { hello: '早' } } })
    const i18n = m.createMosaicI18n()
    m.addMessages({ 'zh-CN': { admin: { users: '用户管理' } }, en: { admin: { users: 'Users' } } })
    m.addMessages({ 'zh-CN': { admin: { roles: '角色管理' } } })
    expect(i18n.global.t('early.hello')).toBe('早')
    expect(i18n.global.t('admin.users')).toBe('用户管理')
    expect(i18n.global.t('admin.roles')).toBe('角色管理') // merged, not replaced
    expect(i18n.global.t('common.cancel')).toBe('取消') // common messages survive
  })

  it('setLocale switches i18n and Element Plus, and persists the choice', async () => {
    const i18n = m.createMosaicI18n()
    m.addMessages({ en: { admin: { users: 'Users' } } })
    const { locale, setLocale, elementLocale } = m.useLocale()
    setLocale('en')
    expect(i18n.global.t('admin.users')).toBe('Users')
    await m.loadElementLocale()
    expect(elementLocale.value?.name).toBe('en')
    expect(localStorage.getItem('mosaic.locale')).toBe('en')
    locale.value = 'zh-CN'
    expect(i18n.global.locale.value).toBe('zh-CN')
    await m.loadElementLocale()
    expect(elementLocale.value?.name).toBe('zh-cn')
  })

  it('pickLabel chooses by locale and falls back to the other language', () => {
    expect(m.pickLabel({ zh: '客户', en: 'Customers' }, 'zh-CN')).toBe('客户')
    expect(m.pickLabel({ zh: '客户', en: 'Customers' }, 'en')).toBe('Customers')
    expect(m.pickLabel({ zh: '客户', en: '' }, 'en')).toBe('客户')
    expect(m.pickLabel(null, 'en')).toBe('')
  })
})
