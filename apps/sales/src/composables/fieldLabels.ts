import { computed } from 'vue'
import { useText } from './useText'

/** Field names → labels for audit diffs and version comparisons of each sales record type. */
export function useFieldLabels() {
  const { t } = useText()
  return computed(() => {
    const owner = {
      ownerId: t('sales.common.owner'),
      ownerName: t('sales.common.owner'),
      deptId: t('sales.common.dept'),
      remark: t('sales.common.remark'),
      lastFollowUpAt: t('sales.common.lastFollowUpAt'),
      nextFollowUpAt: t('sales.common.nextFollowUpAt'),
    }
    return {
      lead: {
        ...owner,
        number: t('sales.lead.number'),
        name: t('sales.lead.name'),
        contactName: t('sales.lead.contactName'),
        phone: t('sales.common.phone'),
        email: t('sales.common.email'),
        source: t('sales.common.source'),
        status: t('sales.lead.status'),
        address: t('sales.common.address'),
        industry: t('sales.common.industry'),
        invalidReason: t('sales.lead.invalidReason'),
        convertedAt: t('sales.lead.convertedAt'),
      },
      customer: {
        ...owner,
        number: t('sales.customer.number'),
        name: t('sales.customer.name'),
        status: t('sales.customer.status'),
        level: t('sales.customer.level'),
        industry: t('sales.common.industry'),
        source: t('sales.common.source'),
        phone: t('sales.common.phone'),
        address: t('sales.common.address'),
        website: t('sales.customer.website'),
        dealStatus: t('sales.customer.dealStatus'),
        locked: t('sales.customer.locked'),
        poolEnteredAt: t('sales.pool.enteredAt'),
        previousOwnerName: t('sales.pool.previousOwner'),
      },
      contact: {
        ...owner,
        name: t('sales.contact.name'),
        title: t('sales.contact.title'),
        phone: t('sales.common.phone'),
        email: t('sales.common.email'),
        primary: t('sales.contact.primary'),
      },
      followup: {
        ...owner,
        subject: t('sales.followup.subject'),
        method: t('sales.followup.method'),
        content: t('sales.followup.content'),
        contactedAt: t('sales.followup.contactedAt'),
        nextPlan: t('sales.followup.nextPlan'),
        contactId: t('sales.followup.contact'),
        contactName: t('sales.followup.contact'),
      },
      opportunity: {
        ...owner,
        name: t('sales.opportunity.name'),
        customerName: t('sales.opportunity.customer'),
        contactName: t('sales.opportunity.contact'),
        contactId: t('sales.opportunity.contact'),
        stage: t('sales.opportunity.stage'),
        probability: t('sales.opportunity.probability'),
        source: t('sales.common.source'),
        type: t('sales.opportunity.type'),
        expectedAmount: t('sales.opportunity.expectedAmount'),
        expectedCloseDate: t('sales.opportunity.expectedCloseDate'),
        products: t('sales.opportunity.products'),
        status: t('sales.opportunity.status'),
        lostReason: t('sales.opportunity.lostReason'),
        closeNote: t('sales.opportunity.closeNote'),
        closeDate: t('sales.opportunity.closeDate'),
      },
    }
  })
}
