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
  'approval_flow',
] as const
