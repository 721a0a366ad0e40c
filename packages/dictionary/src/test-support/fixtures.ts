import type { DictType } from '../types.js'

/** Small, hand-written types for tests: one disabled entry, one hex colour, out-of-order sorts. */
export function fixtureTypes(): DictType[] {
  return [
    {
      code: 'lead_source',
      name: { zh: '线索来源', en: 'Lead source' },
      builtIn: true,
      entries: [
        {
          typeCode: 'lead_source',
          value: 'website',
          label: { zh: '官网', en: 'Website' },
          color: 'primary',
          sort: 20,
          enabled: true,
        },
        {
          typeCode: 'lead_source',
          value: 'wechat_group',
          label: { zh: '微信群', en: 'WeChat group' },
          color: 'success',
          sort: 10,
          enabled: true,
        },
        {
          typeCode: 'lead_source',
          value: 'fax',
          label: { zh: '传真', en: 'Fax' },
          color: '#8a2be2',
          sort: 30,
          enabled: false,
        },
        {
          typeCode: 'lead_source',
          value: 'expo',
          label: { zh: '展会', en: 'Trade show' },
          color: '#ff8800',
          sort: 40,
          enabled: true,
        },
      ],
    },
    {
      code: 'ticket_type',
      name: { zh: '工单类型', en: 'Ticket type' },
      builtIn: true,
      entries: [
        {
          typeCode: 'ticket_type',
          value: 'repair',
          label: { zh: '报修', en: 'Repair' },
          color: null,
          sort: 10,
          enabled: true,
        },
      ],
    },
  ]
}
