/** Record types the admin service audits and keeps in its recycle bin. */
export const ENTITY_TYPES = [
  'user',
  'dept',
  'role',
  'dict_type',
  'dict_entry',
  'number_rule',
  'closure_rule',
  'pool_rule',
] as const

/** Other services' types (e.g. `customer`) have no label here and show as they are. */
export function entityTypeLabel(t: (key: string) => string, type: string): string {
  const key = `admin.entityTypes.${type}`
  const text = t(key)
  return text === key ? type : text
}
