import { z } from 'zod'
import { I18nText, RecordMeta } from '../common.js'

export const DictEntry = z.object({
  ...RecordMeta,
  typeCode: z.string(),
  value: z.string(),
  label: I18nText,
  color: z.string().nullable(),
  sort: z.number().int(),
  enabled: z.boolean(),
  extra: z.record(z.string(), z.unknown()).nullable(),
  builtIn: z.boolean(),
})
export type DictEntry = z.infer<typeof DictEntry>

export const DictType = z.object({
  ...RecordMeta,
  code: z.string(),
  name: I18nText,
  builtIn: z.boolean(),
  entries: z.array(DictEntry),
})
export type DictType = z.infer<typeof DictType>

export const DictionariesResponse = z.object({ types: z.array(DictType) })

const Color = z
  .string()
  .trim()
  .regex(/^(primary|success|info|warning|danger|#[0-9a-fA-F]{6})$/, 'admin.dict.tag_format')
  .nullable()
  .optional()
const Extra = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .nullable()
  .optional()

export const DictTypeCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'admin.dict.code_format'),
  name: I18nText,
})
export type DictTypeCreate = z.infer<typeof DictTypeCreate>

export const DictTypeUpdate = z.strictObject({ name: I18nText })
export type DictTypeUpdate = z.infer<typeof DictTypeUpdate>

export const DictEntryCreate = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{1,40}$/, 'admin.dict.value_format'),
  label: I18nText,
  color: Color,
  sort: z.number().int().min(0).max(100000).default(0),
  enabled: z.boolean().default(true),
  extra: Extra,
})
export type DictEntryCreate = z.input<typeof DictEntryCreate>

export const DictEntryUpdate = z.strictObject({
  label: I18nText.optional(),
  color: Color,
  sort: z.number().int().min(0).max(100000).optional(),
  enabled: z.boolean().optional(),
  extra: Extra,
})
export type DictEntryUpdate = z.infer<typeof DictEntryUpdate>
