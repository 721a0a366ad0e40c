import type { Component } from 'vue'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { remotePageTestKit } from '@mosaic/ui/test-utils'
import type { orders } from '@mosaic/schemas'
import { fakeHttp } from '@mosaic/web-kit/test-utils'
import type { admin } from '@mosaic/schemas'
import { UserPicker } from '@mosaic/ui'
import salesModule from './routes'
// The record types, registered as the shell's load of the route module does.
import './records'

export { fakeHttp as http }
export { pageOf, useDefaultDictionaries, usePageTests } from '@mosaic/ui/test-utils'

/** Sales screens see the signed-in rep's own records (data scope `self`). */
const kit = remotePageTestKit(salesModule, {
  principal: { userId: '00000000-0000-4000-8000-000000000001', username: 'rep', dataScope: 'self' },
})
/** A fresh page-wide i18n with this app's messages, as the shell would set it up. */
export const testI18n = kit.testI18n
/** Signs the rep in for `v-can` and RowActions, holding exactly `permissions`. */
export const withPermissions = kit.signedIn

/** In the page and not hidden by v-can. */
export function shownInPage(testId: string) {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  return !!el && el.style.display !== 'none'
}

/**
 * A whole page in English, its GETs answered by `answer(path)`, signed in with `permissions`, and
 * the Vue warnings it raised (a page test expects none).
 */
export const mountPage = (page: Component, answer: (path: string) => unknown, ...permissions: string[]) =>
  kit.mountPage(page, answer, { permissions })

/**
 * The app's route at `path` (e.g. `/sales/orders?open=<id>`) in English, with the module's routes
 * and `permissions`, and the Vue warnings it raised.
 */
export const mountRoute = (path: string, ...permissions: string[]) =>
  kit.mountRoute(path, undefined, { permissions })

/** The ids and stamps the orders documents' fixtures share (customer Acme, its contact, the rep Ann). */
export const ACME = 'cccccccc-0000-4000-8000-000000000001'
export const CONTACT = 'dddddddd-0000-4000-8000-000000000001'
export const OWNER = '00000000-0000-4000-8000-000000000001'
export const stamps = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }

/** The product 工控机 (HW-001) as the orders service answers it, uncategorised and ownerless unless `over` says. */
export const productFixture = (over: Partial<orders.Product> = {}): orders.Product => ({
  ...stamps,
  version: 1,
  id: 'bbbbbbbb-0000-4000-8000-000000000001',
  code: 'HW-001',
  name: '工控机',
  categoryId: null,
  categoryName: null,
  spec: null,
  unit: 'set',
  referencePrice: '12800.50',
  taxRate: '13.00',
  safetyStock: 5,
  ownerId: null,
  ownerName: null,
  deptId: null,
  image: null,
  remark: null,
  onSale: true,
  ...over,
})

/** The user pickers (customer, contract, product…) of a mounted form, in the form's order. */
export const pickers = (w: VueWrapper) => w.findAllComponents(UserPicker)
/** The admin route every document's approval history reads (`?docType=&docId=`). */
export const APPROVAL_HISTORY = '/api/admin/approvals/history'

/** One submission of a document for approval, pending and submitted by the signed-in rep. */
export function approvalSubmission(over: Partial<admin.ApprovalInstance> = {}): admin.ApprovalInstance {
  return {
    id: 'abababab-0000-4000-8000-000000000001',
    service: 'orders',
    docType: 'quote',
    docId: 'q1',
    docNumber: 'BJ202601010001',
    docTitle: 'BJ202601010001 (Acme 公司)',
    amount: '28929.13',
    link: '/sales/quotes?open=q1',
    status: 'pending',
    flowVersion: 1,
    currentStep: 1,
    steps: [
      {
        name: '部门经理审批',
        mode: 'any',
        status: 'pending',
        approvers: [{ userId: 'm1', name: '李经理', status: 'pending' }],
      },
    ],
    submitterId: '00000000-0000-4000-8000-000000000001',
    submitterName: 'Ann',
    submittedAt: '2026-03-02T02:00:00Z',
    decidedAt: null,
    history: [
      { at: '2026-03-02T02:00:00Z', action: 'submitted', actorName: 'Ann', stepName: null, comment: null },
    ],
    ...over,
  }
}

/** The query the approval history was asked with, for each time it asked. */
export const approvalQueries = () =>
  fakeHttp.get.mock.calls
    .filter((c) => c[0] === APPROVAL_HISTORY)
    .map((c) => (c[1] as { query: unknown }).query)

/** Clicks the Element Plus tab named `name` (its header is `#tab-<name>`) and lets it load. */
export async function openTab(name: string) {
  const tab = document.querySelector<HTMLElement>(`#tab-${name}`)
  if (!tab) throw new Error(`no tab ${name}`)
  tab.click()
  await flushPromises()
}
