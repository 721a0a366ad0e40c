/** The customer portal's texts; `en` mirrors every `zh` key. */
export const zh = {
  title: '客户服务门户',
}

export const en: typeof zh = {
  title: 'Customer portal',
}
