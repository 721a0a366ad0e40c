import { describe, expect, it } from 'vitest'
import { ordersRoutes, salesRoutes } from '@mosaic/schemas/contracts'
import { fieldMaker, LISTS } from '../workbench'
import { flushPromises } from '@vue/test-utils'
import { ElDropdown, ElSelect, ElTable } from 'element-plus'
import { click } from '@mosaic/ui/test-utils'
import { http, mountRoute, pageOf, shownInPage, usePageTests } from '../test-support'

usePageTests()

const acme = { id: 'c1', number: 'KH1', name: 'Acme', status: 'intention', ownerName: 'Ann' }
const answer = async (path: string) => (path === '/api/sales/customers' ? pageOf([acme]) : pageOf([]))

describe('sales lists: import, export and bulk', () => {
  it('customers: export sends the filters and visible columns; bulk edit sends the chosen field', async () => {
    http.get.mockImplementation(answer)
    http.download.mockResolvedValue({ blob: new Blob(['x']), fileName: 'customers.csv' })
    URL.createObjectURL = () => 'blob:x'
    URL.revokeObjectURL = () => undefined
    const { wrapper, warnings } = await mountRoute(
      '/sales/customers',
      'sales.customer.read',
      'sales.customer.export',
      'sales.customer.update',
    )
    expect(shownInPage('list-export-button')).toBe(true)
    // Import needs its own permission.
    expect(shownInPage('list-import')).toBe(false)

    wrapper.findComponent(ElDropdown).vm.$emit('command', 'csv')
    await flushPromises()
    const [path, options] = http.download.mock.calls[0]!
    expect(path).toBe('/api/sales/customers/export')
    expect(options.query).toMatchObject({ format: 'csv' })
    expect(options.query).not.toHaveProperty('limit')
    expect(options.query.columns.split(',')).toEqual(
      expect.arrayContaining(['number', 'name', 'phone', 'status', 'lastFollowUpAt']),
    )
    // Hidden columns are not exported.
    expect(options.query.columns.split(',')).not.toContain('level')

    // Bulk edit of the customer level for the checked row; no bulk delete without its permission.
    wrapper.findComponent(ElTable).vm.$emit('selection-change', [acme])
    await flushPromises()
    expect(shownInPage('bulk-delete')).toBe(false)
    http.post.mockResolvedValue({ results: [{ id: 'c1', ok: true, title: 'Acme' }], succeeded: 1, failed: 0 })
    click('bulk-edit')
    await flushPromises()
    const fieldSelect = wrapper
      .findAllComponents(ElSelect)
      .find((s) => s.attributes('data-testid') === 'bulk-edit-field')!
    fieldSelect.vm.$emit('update:modelValue', 'level')
    await flushPromises()
    // The dialog's level picker (the filter bar has one too, before it).
    const levelPickers = wrapper
      .findAllComponents({ name: 'DictSelect' })
      .filter((c) => c.props('type') === 'customer_level')
    levelPickers.at(-1)!.vm.$emit('update:modelValue', 'A')
    await flushPromises()
    click('bulk-edit-submit')
    await flushPromises()
    expect(http.post).toHaveBeenCalledWith('/api/sales/customers/bulk-edit', {
      ids: ['c1'],
      changes: { level: 'A' },
    })
    expect(document.querySelector('[data-testid="bulk-result"]')!.textContent).toContain('Acme')
    expect(warnings).toEqual([])
  })

  it('leads: import for holders of the import permission; follow-ups have bulk but no export', async () => {
    http.get.mockImplementation(answer)
    await mountRoute('/sales/leads', 'sales.lead.read', 'sales.lead.import')
    expect(shownInPage('list-import')).toBe(true)
    expect(shownInPage('list-import-batches')).toBe(true)
    document.body.innerHTML = ''

    http.get.mockImplementation(async () => pageOf([{ id: 'f1', subject: 'Call' }]))
    const { wrapper } = await mountRoute(
      '/sales/followups',
      'sales.followup.read',
      'sales.followup.export',
      'sales.followup.delete',
    )
    expect(shownInPage('list-export-button')).toBe(false)
    wrapper.findComponent(ElTable).vm.$emit('selection-change', [{ id: 'f1', subject: 'Call' }])
    await flushPromises()
    expect(shownInPage('bulk-delete')).toBe(true)
  })

  it("offers in bulk only fields the list's bulk-edit route accepts", () => {
    const routes: Record<string, { path: string; body?: unknown }> = { ...salesRoutes, ...ordersRoutes }
    for (const [name, spec] of Object.entries(LISTS)) {
      const paths = Object.values(routes).map((r) => r.path)
      expect(paths, `${name} has a bulk-delete route`).toContain(`${spec.path}/bulk-delete`)
      const offered = spec.fields(fieldMaker((k) => k)).map((f) => f.key)
      // A list that offers no field (contacts) needs no bulk-edit route: its bar offers delete only.
      if (!offered.length) continue
      const route = Object.values(routes).find((r) => r.path === `${spec.path}/bulk-edit`)
      expect(route, `${name} has a bulk-edit route`).toBeDefined()
      // The body's zod schema, read structurally (the app does not depend on zod itself).
      const changes = (route!.body as { shape: { changes: { shape: object } } }).shape.changes
      const accepted = Object.keys(changes.shape)
      expect(accepted, name).toEqual(expect.arrayContaining(offered))
    }
    expect(LISTS.contacts.fields(fieldMaker((k) => k))).toEqual([])
  })
})
