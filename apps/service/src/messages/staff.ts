/** The staff screens' texts (tickets, SLA, portal accounts); `en` mirrors every `zh` key. */
export const zh = {
  title: '服务',
}

export const en: typeof zh = {
  title: 'Service',
}
