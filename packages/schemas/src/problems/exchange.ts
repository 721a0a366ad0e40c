import type { ProblemCatalog } from './catalog.js'

/** Import and export of the main lists (kit `exchange/`): file, plan, row and batch problems. */
export const exchangeProblems = {
  'import.file_type': {
    zh: '只能导入 CSV 或 XLSX 文件（{name}）',
    en: 'Only CSV or XLSX files can be imported ({name}).',
  },
  'import.file_too_large': {
    zh: '文件过大，最多 {maxBytes} 字节',
    en: 'The file is too large; at most {maxBytes} bytes.',
  },
  'import.file_empty': { zh: '文件为空', en: 'The file is empty.' },
  'import.file_unreadable': {
    zh: '无法读取该文件，请确认它是有效的 CSV（UTF-8）或 XLSX 文件',
    en: 'The file cannot be read; make sure it is a valid CSV (UTF-8) or XLSX file.',
  },
  'import.no_rows': { zh: '文件中没有数据行', en: 'The file has no data rows.' },
  'import.too_many_rows': {
    zh: '文件行数过多，一次最多导入 {max} 行',
    en: 'The file has too many rows; at most {max} can be imported at once.',
  },
  'import.too_many_columns': {
    zh: '列数过多，最多 {max} 列',
    en: 'The file has too many columns; at most {max}.',
  },
  'import.header_invalid': {
    zh: '表头第 {column} 列为空、重复或过长（最多 {max} 个字符）',
    en: 'Header column {column} is empty, repeated or longer than {max} characters.',
  },
  'import.unknown_column': {
    zh: '映射中的列“{column}”不在文件中',
    en: 'The mapping names column "{column}", which is not in the file.',
  },
  'import.unknown_field': {
    zh: '字段“{field}”不能导入',
    en: 'Field "{field}" cannot be imported.',
  },
  'import.field_mapped_twice': {
    zh: '字段“{field}”被映射了多次',
    en: 'Field "{field}" is mapped from more than one column.',
  },
  'import.required_unmapped': {
    zh: '必填字段“{field}”没有对应的列',
    en: 'Required field "{field}" is not mapped to any column.',
  },
  'import.required': { zh: '必填', en: 'Required.' },
  'import.too_long': {
    zh: '过长，最多 {maximum} 个字符',
    en: 'Too long; at most {maximum} characters.',
  },
  'import.invalid_number': { zh: '“{value}”不是数字', en: '"{value}" is not a number.' },
  'import.invalid_money': {
    zh: '“{value}”不是金额（如 1234.56）',
    en: '"{value}" is not an amount (like 1234.56).',
  },
  'import.invalid_date': {
    zh: '“{value}”不是日期（YYYY-MM-DD）',
    en: '"{value}" is not a date (YYYY-MM-DD).',
  },
  'import.invalid_datetime': {
    zh: '“{value}”不是时间（YYYY-MM-DD HH:mm）',
    en: '"{value}" is not a date and time (YYYY-MM-DD HH:mm).',
  },
  'import.invalid_bool': {
    zh: '“{value}”不是“是/否”',
    en: '"{value}" is not yes/no.',
  },
  'import.unknown_dict_value': {
    zh: '“{value}”不是“{dict}”字典中启用的选项',
    en: '"{value}" is not an enabled entry of dictionary "{dict}".',
  },
  'import.unknown_user': {
    zh: '找不到用户“{value}”（填写姓名或用户名）',
    en: 'No user "{value}" (write the name or the username).',
  },
  'import.ambiguous_user': {
    zh: '有多个用户叫“{value}”，请填写用户名',
    en: 'More than one user is called "{value}"; write the username.',
  },
  'import.unknown_dept': { zh: '找不到部门“{value}”', en: 'No department "{value}".' },
  'import.unknown_ref': { zh: '找不到“{value}”', en: 'Nothing named "{value}" was found.' },
  'import.not_writable': {
    zh: '已存在“{value}”，但您无权修改它',
    en: '"{value}" already exists, and you may not change it.',
  },
  'import.duplicate_in_file': {
    zh: '与第 {row} 行重复（{key}）',
    en: 'Same as row {row} ({key}).',
  },
  'import.has_errors': {
    zh: '导入数据有 {count} 处错误，请修正后重新上传',
    en: 'The import has {count} problems; fix the file and upload it again.',
  },
  'import.batch_state': {
    zh: '该导入批次当前状态为“{status}”，不能执行此操作',
    en: 'The import batch is {status}; this cannot be done now.',
  },
  'import.already_undone': { zh: '该导入批次已撤销', en: 'This import batch was already undone.' },
  'import.changed_since': {
    zh: '该记录在导入后已被修改（版本 {version}），未撤销',
    en: 'The record was changed after the import (version {version}); it was left as it is.',
  },
  'import.record_gone': {
    zh: '该记录已不存在',
    en: 'The record no longer exists.',
  },
} as const satisfies ProblemCatalog
