// What a remote's page tests need, bound once to the remote: each remote's test-support.ts is this
// kit plus its own fixtures (a new remote starts from here and adds only its domain).
import { ref, shallowRef, type App, type Component } from 'vue'
import { beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { RemoteModule } from '@mosaic/web-kit'
import { fakeHttp } from '@mosaic/web-kit/test-utils'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import { configureDictionaries } from '@mosaic/dictionary/vue'
import { defaultDictTypes } from '@mosaic/dictionary'
import { click, mountRemoteRoute, remoteTestI18n, resetAfterEach, testPrincipal } from './core'

type Locale = 'zh-CN' | 'en'
type Query = { query?: Record<string, unknown> }
/** Answers a page's GET of `path` (with its query), as the service would. */
export type GetAnswer = (path: string, options?: Query) => unknown

/** A list answer holding exactly `items`. */
export const pageOf = (items: unknown[]) => ({
  items,
  nextCursor: null,
  total: items.length,
  totalCapped: false,
})

/** Everything the page shows, dialogs and drawers included (they are teleported to the body). */
export const pageText = () => document.body.textContent ?? ''

/** Clicks the element with test id `testid` and waits for what follows (requests, re-renders). */
export async function press(testid: string) {
  click(testid)
  await flushPromises()
}

/** Every GET of the fake `api` answered by `answer(path, options)`. */
export const answerGets = (answer: GetAnswer) =>
  fakeHttp.get.mockImplementation(async (p: string, o?: Query) => answer(p, o))

/** The built-in dictionaries, loaded at once. */
export const useDefaultDictionaries = (types = defaultDictTypes()) =>
  configureDictionaries({ load: async () => structuredClone(types), locale: ref('zh-CN') })

/** A page test file's hooks: DOM and mocks reset after each test, the built-in dictionaries before it. */
export function usePageTests() {
  resetAfterEach()
  beforeEach(() => useDefaultDictionaries())
}

export interface PageTestKitOptions {
  /** What the signed-in user may do unless a test says otherwise (usually every permission of the remote). */
  permissions?: string[]
  /** The signed-in user's other traits (data scope, id), when the remote's screens depend on them. */
  principal?: Partial<Omit<Principal, 'permissions'>>
}

/** The page-test helpers of the remote `module`: its i18n, its signed-in user, its routes mounted. */
export function remotePageTestKit(
  module: RemoteModule,
  { permissions: all = [], principal }: PageTestKitOptions = {},
) {
  /** A fresh page-wide i18n with the remote's messages, as the shell would set it up. */
  const testI18n = (locale: Locale = 'zh-CN') => remoteTestI18n(module.messages ?? {}, locale)

  /** A plugin signing in the remote's user holding exactly `permissions`, for `v-can` and RowActions. */
  const signedIn = (...permissions: string[]) => {
    const user: Principal = { ...testPrincipal(...permissions), ...principal }
    return { install: (app: App) => installPermissions(app, shallowRef(user)) }
  }

  /** The remote's route at `path` in `locale`, its GETs answered by `answer`, with `permissions`. */
  function mountRoute(
    path: string,
    answer?: GetAnswer,
    { locale = 'en', permissions = all }: { locale?: Locale; permissions?: string[] } = {},
  ) {
    if (answer) answerGets(answer)
    return mountRemoteRoute(module, path, [testI18n(locale), signedIn(...permissions)])
  }

  /**
   * A whole page component in `locale`, its GETs answered by `answer`, signed in with `permissions`,
   * and the Vue warnings it raised (a page test expects none).
   */
  async function mountPage(
    page: Component,
    answer: GetAnswer,
    { locale = 'en', permissions = all }: { locale?: Locale; permissions?: string[] } = {},
  ) {
    answerGets(answer)
    const warnings: string[] = []
    const wrapper = mount(page, {
      global: {
        plugins: [testI18n(locale), signedIn(...permissions)],
        config: { warnHandler: (msg) => void warnings.push(msg) },
      },
      attachTo: document.body,
    })
    await flushPromises()
    return { wrapper, warnings }
  }

  /** `component` mounted in the page, in English, with every permission. */
  const mountEnglish = <C extends Component>(component: C, props: Record<string, unknown> = {}) =>
    mount(component, {
      // The props are the test's to get right; `mount` cannot check them against a generic component.
      props: props as never,
      global: { plugins: [testI18n('en'), signedIn(...all)] },
      attachTo: document.body,
    })

  /** A dialog or drawer mounted closed and then opened (as its host does), in English, with every permission. */
  async function mountOpened(component: Component, props: Record<string, unknown>) {
    const wrapper = mountEnglish(component, { ...props, modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    return wrapper
  }

  return { testI18n, signedIn, mountRoute, mountPage, mountEnglish, mountOpened }
}
