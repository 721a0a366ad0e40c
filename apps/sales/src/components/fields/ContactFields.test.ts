import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { ElFormItem } from 'element-plus'
import { testI18n } from '../../test-support'
import ContactFields, { type ContactDraft } from './ContactFields.vue'

enableAutoUnmount(afterEach)

function render(props: Record<string, unknown>) {
  const contact: ContactDraft = { name: '', title: '', phone: '', email: '' }
  const w = mount(ContactFields, {
    props: { modelValue: contact, ...props },
    global: { plugins: [testI18n('en')] },
  })
  return { w, contact }
}

describe('ContactFields', () => {
  it('nests rule paths and test ids under the given path and prefix', () => {
    const { w } = render({ path: 'contact', testIdPrefix: 'field-contact-' })
    expect(w.findAllComponents(ElFormItem).map((i) => i.props('prop'))).toEqual([
      'contact.name',
      'contact.title',
      'contact.phone',
      'contact.email',
    ])
    expect(w.find('input[data-testid="field-contact-email"]').attributes('maxlength')).toBe('120')
  })

  it('writes what is typed into the contact it was given', async () => {
    const { w, contact } = render({ testIdPrefix: 'field-' })
    expect(w.findAllComponents(ElFormItem).map((i) => i.props('prop'))[0]).toBe('name')
    await w.find('input[data-testid="field-phone"]').setValue('13800000000')
    expect(contact.phone).toBe('13800000000')
  })

  it('tags no input when no prefix is given', () => {
    const { w } = render({ path: 'contact' })
    expect(w.find('[data-testid]').exists()).toBe(false)
  })
})
