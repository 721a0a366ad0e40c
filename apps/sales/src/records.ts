import { field, registerRecordTypes, type RecordTypeSpec } from '@mosaic/ui/records'
import { DEAL_STATUSES, DICT, LEAD_STATUSES, OPPORTUNITY_STATUSES, OPPORTUNITY_TYPES } from './constants'
import { orders } from '@mosaic/schemas'

/**
 * Sales record types as the history shows them: each field once, with its label (i18n key) and
 * kind. Fields not listed here (bookkeeping, derived names, links) are not shown in the history.
 */
const owner = {
  ownerId: field.user('sales.common.owner', 'ownerName'),
  deptId: field.dept('sales.common.dept'),
  remark: field.text('sales.common.remark'),
  lastFollowUpAt: field.datetime('sales.common.lastFollowUpAt'),
  nextFollowUpAt: field.datetime('sales.common.nextFollowUpAt'),
}

const optionsOf = (prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`]))

export const salesRecordTypes: Record<string, RecordTypeSpec> = {
  lead: {
    service: 'sales',
    label: 'sales.entityTypes.lead',
    fields: {
      ...owner,
      number: field.text('sales.lead.number'),
      name: field.text('sales.lead.name'),
      contactName: field.text('sales.lead.contactName'),
      phone: field.text('sales.common.phone'),
      email: field.text('sales.common.email'),
      source: field.dict(DICT.leadSource, 'sales.common.source'),
      status: field.enum('sales.lead.status', optionsOf('sales.lead.statuses', LEAD_STATUSES)),
      address: field.text('sales.common.address'),
      industry: field.dict(DICT.industry, 'sales.common.industry'),
      invalidReason: field.text('sales.lead.invalidReason'),
      convertedAt: field.datetime('sales.lead.convertedAt'),
    },
  },
  customer: {
    service: 'sales',
    label: 'sales.entityTypes.customer',
    link: (id) => `/sales/customers/${id}`,
    fields: {
      ...owner,
      number: field.text('sales.customer.number'),
      name: field.text('sales.customer.name'),
      status: field.dict(DICT.customerStatus, 'sales.customer.status'),
      level: field.dict(DICT.customerLevel, 'sales.customer.level'),
      industry: field.dict(DICT.industry, 'sales.common.industry'),
      source: field.dict(DICT.leadSource, 'sales.common.source'),
      phone: field.text('sales.common.phone'),
      address: field.text('sales.common.address'),
      website: field.text('sales.customer.website'),
      dealStatus: field.enum('sales.customer.dealStatus', optionsOf('sales.customer.deal', DEAL_STATUSES)),
      locked: field.boolean('sales.customer.locked'),
      lastDealAt: field.datetime('sales.customer.lastDealAt'),
      poolEnteredAt: field.datetime('sales.pool.enteredAt'),
      poolReason: field.enum(
        'sales.pool.reason',
        optionsOf('sales.pool.reasons', [
          'released',
          'recycled',
          'no_followup',
          'no_deal',
          'never_owned',
          'unassigned',
        ]),
      ),
      previousOwnerId: field.user('sales.pool.previousOwner', 'previousOwnerName'),
      primaryContactName: field.text('sales.customer.contact'),
    },
  },
  contact: {
    service: 'sales',
    label: 'sales.entityTypes.contact',
    fields: {
      name: field.text('sales.contact.name'),
      title: field.text('sales.contact.title'),
      phone: field.text('sales.common.phone'),
      email: field.text('sales.common.email'),
      isPrimary: field.boolean('sales.contact.primary'),
      remark: field.text('sales.common.remark'),
      ownerId: field.user('sales.common.owner'),
      deptId: field.dept('sales.common.dept'),
    },
  },
  followup: {
    service: 'sales',
    label: 'sales.entityTypes.followup',
    fields: {
      targetName: field.text('sales.followup.target'),
      subject: field.text('sales.followup.subject'),
      method: field.dict(DICT.followupMethod, 'sales.followup.method'),
      content: field.text('sales.followup.content'),
      contactedAt: field.datetime('sales.followup.contactedAt'),
      nextFollowUpAt: field.datetime('sales.followup.nextAt'),
      nextPlan: field.text('sales.followup.nextPlan'),
      contactName: field.text('sales.followup.contact'),
      attachments: field.lines('sales.followup.attachments', (a) => String(a.name ?? a.fileName ?? '')),
      ownerId: field.user('sales.common.owner', 'ownerName'),
      deptId: field.dept('sales.common.dept'),
    },
  },
  opportunity: {
    service: 'sales',
    label: 'sales.entityTypes.opportunity',
    fields: {
      ...owner,
      name: field.text('sales.opportunity.name'),
      customerName: field.text('sales.opportunity.customer'),
      contactName: field.text('sales.opportunity.contact'),
      stage: field.dict(DICT.opportunityStage, 'sales.opportunity.stage'),
      probability: field.number('sales.opportunity.probability'),
      source: field.dict(DICT.leadSource, 'sales.common.source'),
      type: field.enum('sales.opportunity.type', optionsOf('sales.opportunity.types', OPPORTUNITY_TYPES)),
      expectedAmount: field.money('sales.opportunity.expectedAmount'),
      expectedCloseDate: field.date('sales.opportunity.expectedCloseDate'),
      products: field.lines(
        'sales.opportunity.products',
        (l) => `${String(l.productName ?? '')} × ${String(l.quantity ?? '')}`,
      ),
      status: field.enum(
        'sales.opportunity.status',
        optionsOf('sales.opportunity.statuses', OPPORTUNITY_STATUSES),
      ),
      lostReason: field.dict(DICT.lostReason, 'sales.opportunity.lostReason'),
      closeNote: field.text('sales.opportunity.closeNote'),
      closeDate: field.date('sales.opportunity.closeDate'),
      closedAt: field.datetime('sales.opportunity.closeDate'),
      locked: field.boolean('sales.customer.locked'),
    },
  },
}

/**
 * The orders service's products and categories, managed from the sales app. The category and the
 * image are ids in a snapshot: the history leaves them out rather than show an id.
 */
export const ordersRecordTypes: Record<string, RecordTypeSpec> = {
  product: {
    service: 'orders',
    label: 'orders.entityTypes.product',
    fields: {
      code: field.text('sales.product.code'),
      name: field.text('sales.product.name'),
      categoryId: field.hidden,
      spec: field.text('sales.product.spec'),
      unit: field.dict('product_unit', 'sales.product.unit'),
      referencePrice: field.money('sales.product.referencePrice'),
      taxRate: field.number('sales.product.taxRate'),
      safetyStock: field.number('sales.product.safetyStock'),
      ownerId: field.user('sales.common.owner', 'ownerName'),
      deptId: field.dept('sales.common.dept'),
      image: field.hidden,
      remark: field.text('sales.common.remark'),
      onSale: field.boolean('sales.product.onSaleYes'),
    },
  },
  product_category: {
    service: 'orders',
    label: 'orders.entityTypes.product_category',
    fields: {
      name: field.text('sales.category.name'),
      parentId: field.hidden,
      sort: field.number('sales.category.sort'),
    },
  },
  quote: {
    service: 'orders',
    label: 'orders.entityTypes.quote',
    fields: {
      number: field.text('sales.quote.number'),
      status: field.enum('sales.quote.status', optionsOf('sales.quote.statuses', orders.QUOTE_STATUSES)),
      customerId: field.hidden,
      customerName: field.text('sales.quote.customer'),
      contactId: field.hidden,
      contactName: field.text('sales.quote.contact'),
      contactPhone: field.text('sales.common.phone'),
      opportunityId: field.hidden,
      opportunityName: field.text('sales.quote.opportunity'),
      validUntil: field.date('sales.quote.validUntil'),
      remark: field.text('sales.common.remark'),
      ownerId: field.user('sales.common.owner', 'ownerName'),
      deptId: field.dept('sales.common.dept'),
      lines: field.lines(
        'sales.quote.lines',
        (l) => `${String(l.productName ?? '')} × ${String(l.quantity ?? '')}`,
      ),
      subtotal: field.money('sales.quote.subtotal'),
      taxTotal: field.money('sales.quote.taxTotal'),
      total: field.money('sales.quote.total'),
    },
  },
  contract: {
    service: 'orders',
    label: 'orders.entityTypes.contract',
    fields: {
      number: field.text('sales.contract.number'),
      status: field.enum(
        'sales.contract.status',
        optionsOf('sales.contract.statuses', orders.CONTRACT_STATUSES),
      ),
      revision: field.number('sales.contract.revision'),
      approvalRequestId: field.hidden,
      name: field.text('sales.contract.name'),
      customerId: field.hidden,
      customerName: field.text('sales.contract.customer'),
      contactId: field.hidden,
      contactName: field.text('sales.contract.contact'),
      contactPhone: field.text('sales.common.phone'),
      quoteId: field.hidden,
      quoteNumber: field.text('sales.contract.quote'),
      paymentMethod: field.dict('payment_method', 'sales.contract.paymentMethod'),
      prepayRatio: field.number('sales.contract.prepayRatio'),
      retentionRatio: field.number('sales.contract.retentionRatio'),
      warrantyMonths: field.number('sales.contract.warrantyMonths'),
      invoiceType: field.dict('invoice_type', 'sales.contract.invoiceType'),
      invoiceTitle: field.text('sales.contract.invoiceTitle'),
      invoiceTaxNumber: field.text('sales.contract.invoiceTaxNumber'),
      invoiceAddressPhone: field.text('sales.contract.invoiceAddressPhone'),
      invoiceBank: field.text('sales.contract.invoiceBank'),
      invoiceAccount: field.text('sales.contract.invoiceAccount'),
      deliveryDate: field.date('sales.contract.deliveryDate'),
      consignee: field.text('sales.contract.consignee'),
      consigneePhone: field.text('sales.contract.consigneePhone'),
      deliveryAddress: field.text('sales.contract.deliveryAddress'),
      signDate: field.date('sales.contract.signDate'),
      startDate: field.date('sales.contract.startDate'),
      endDate: field.date('sales.contract.endDate'),
      remark: field.text('sales.common.remark'),
      attachments: field.lines('sales.contract.attachments', (a) => String(a.name ?? '')),
      ownerId: field.user('sales.common.owner', 'ownerName'),
      deptId: field.dept('sales.common.dept'),
      lines: field.lines(
        'sales.contract.lines',
        (l) => `${String(l.productName ?? '')} × ${String(l.quantity ?? '')} @ ${String(l.unitPrice ?? '')}`,
      ),
      subtotal: field.money('sales.contract.subtotal'),
      taxTotal: field.money('sales.contract.taxTotal'),
      total: field.money('sales.contract.total'),
      endReason: field.text('sales.contract.endReason'),
    },
  },
}

registerRecordTypes(salesRecordTypes)
registerRecordTypes(ordersRecordTypes)
