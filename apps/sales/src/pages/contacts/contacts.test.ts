import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ElDropdown, ElMessageBox, ElTable } from 'element-plus'
import type { sales } from '@mosaic/schemas'
import { click, type } from '@mosaic/ui/test-utils'
import { http, mountRoute, OWNER, pageOf, shownInPage, stamps, usePageTests } from '../../test-support'

usePageTests()

const CUSTOMER = 'cccccccc-0000-4000-8000-000000000009'
const lily: sales.Contact = {
  ...stamps,
  id: 'dddddddd-0000-4000-8000-000000000009',
  version: 3,
  customerId: CUSTOMER,
  customerName: 'Acme Trading',
  name: 'Lily Wang',
  title: 'Buyer',
  phone: '13800000000',
  email: 'lily@acme.example.com',
  primary: true,
  remark: null,
  ownerId: OWNER,
  ownerName: 'Ann',
  deptId: null,
}

/** The contacts list answers Lily; everything else (pickers, dictionaries) an empty page. */
const answer = async (path: string) => (path === '/api/sales/contacts' ? pageOf([lily]) : pageOf([]))
const listQueries = () =>
  http.get.mock.calls.filter(([path]) => path === '/api/sales/contacts').map(([, o]) => o?.query)

describe('contacts page (联系人)', () => {
  it('lists contacts with their customer (a link to it), title, phone, email, primary and owner', async () => {
    http.get.mockImplementation(answer)
    const { wrapper, warnings } = await mountRoute('/sales/contacts', 'sales.contact.read')
    expect(wrapper.text()).toContain('Contacts')
    const row = wrapper.get('.el-table__body tr').text()
    for (const shown of ['Lily Wang', 'Acme Trading', 'Buyer', '13800000000', 'lily@acme.example.com', 'Ann'])
      expect(row).toContain(shown)
    expect(row).toContain('Primary')
    expect(row).not.toContain(OWNER)
    const link = wrapper.get('.el-table__body a')
    expect(link.attributes('href')).toBe(`/sales/customers/${CUSTOMER}`)
    expect(listQueries().at(-1)).toMatchObject({ limit: expect.any(Number) })
    // Reading is not editing: no row action without its permission, no import or export.
    expect(shownInPage(`contact-edit-${lily.id}`)).toBe(false)
    expect(shownInPage(`contact-delete-${lily.id}`)).toBe(false)
    expect(shownInPage('list-export-button')).toBe(false)
    expect(shownInPage('list-import')).toBe(false)
    expect(shownInPage('list-import-batches')).toBe(false)
    expect(warnings).toEqual([])
  })

  it('offers export and import to holders of their codes; export asks for the shown columns', async () => {
    http.get.mockImplementation(answer)
    http.download.mockResolvedValue({ blob: new Blob(['x']), fileName: 'contacts.csv' })
    URL.createObjectURL = () => 'blob:x'
    URL.revokeObjectURL = () => undefined
    const { wrapper, warnings } = await mountRoute(
      '/sales/contacts',
      'sales.contact.read',
      'sales.contact.export',
      'sales.contact.import',
    )
    expect(shownInPage('list-export-button')).toBe(true)
    expect(shownInPage('list-import')).toBe(true)
    expect(shownInPage('list-import-batches')).toBe(true)

    wrapper.findComponent(ElDropdown).vm.$emit('command', 'xlsx')
    await flushPromises()
    const [path, options] = http.download.mock.calls[0]!
    expect(path).toBe('/api/sales/contacts/export')
    expect(options.query).toMatchObject({ format: 'xlsx' })
    expect(options.query.columns.split(',')).toEqual(
      expect.arrayContaining(['name', 'customerName', 'title', 'phone', 'email', 'primary', 'ownerName']),
    )
    expect(warnings).toEqual([])
  })

  it('bulk-deletes the checked contacts after the confirmation; there is nothing to bulk-edit', async () => {
    http.get.mockImplementation(answer)
    const { wrapper, warnings } = await mountRoute(
      '/sales/contacts',
      'sales.contact.read',
      'sales.contact.update',
      'sales.contact.delete',
    )
    wrapper.findComponent(ElTable).vm.$emit('selection-change', [lily])
    await flushPromises()
    expect(shownInPage('bulk-delete')).toBe(true)
    expect(document.querySelector('[data-testid="bulk-edit"]')).toBeNull()

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    http.post.mockResolvedValue({
      results: [{ id: lily.id, ok: true, title: null }],
      succeeded: 1,
      failed: 0,
    })
    click('bulk-delete')
    await flushPromises()
    expect(confirm).toHaveBeenCalled()
    expect(http.post).toHaveBeenCalledWith('/api/sales/contacts/bulk-delete', { ids: [lily.id] })
    // The outcome names the contact, never its id.
    expect(document.querySelector('[data-testid="bulk-result"]')!.textContent).toContain('Lily Wang')
    confirm.mockRestore()
    expect(warnings).toEqual([])
  })

  it('deletes one contact with its version after the confirmation', async () => {
    http.get.mockImplementation(answer)
    http.delete.mockResolvedValue(undefined)
    await mountRoute('/sales/contacts', 'sales.contact.read', 'sales.contact.delete')
    click(`contact-delete-${lily.id}`)
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    ;(document.querySelector('.mosaic-confirm-delete .el-button--danger') as HTMLElement).click()
    await flushPromises()
    expect(http.delete).toHaveBeenCalledWith(
      `/api/sales/contacts/${lily.id}`,
      expect.objectContaining({ ifMatch: lily.version }),
    )
  })

  it('edits a contact in the customer page’s contact form, saving it with its version', async () => {
    http.get.mockImplementation(async (path: string) =>
      path === `/api/sales/contacts/${lily.id}` ? lily : answer(path),
    )
    http.patch.mockResolvedValue({ ...lily, title: 'Head buyer', version: 4 })
    await mountRoute('/sales/contacts', 'sales.contact.read', 'sales.contact.update')
    click(`contact-edit-${lily.id}`)
    await flushPromises()
    expect(document.querySelector<HTMLInputElement>('input[data-testid="field-title"]')!.value).toBe('Buyer')
    type('field-title', 'Head buyer')
    await flushPromises()
    click('drawer-submit')
    await flushPromises()
    expect(http.patch).toHaveBeenCalledWith(
      `/api/sales/contacts/${lily.id}`,
      expect.objectContaining({ title: 'Head buyer', name: 'Lily Wang' }),
      { ifMatch: lily.version },
    )
  })

  it('filters by name and customer, also from a link', async () => {
    http.get.mockImplementation(answer)
    await mountRoute(`/sales/contacts?q=lily&customerId=${CUSTOMER}`, 'sales.contact.read')
    expect(listQueries().at(-1)).toMatchObject({ q: 'lily', customerId: CUSTOMER })
  })
})
