export { default as LoginForm } from './LoginForm.vue'
export { default as ListPage } from './ListPage.vue'
export { default as RecordDrawer } from './RecordDrawer.vue'
export { default as AuditTimeline } from './AuditTimeline.vue'
export { default as VersionHistory } from './VersionHistory.vue'
export { default as RecordHistoryDrawer } from './RecordHistoryDrawer.vue'
export { default as DiffTable } from './DiffTable.vue'
export { default as StatusTag } from './StatusTag.vue'
export { default as PermissionButton } from './PermissionButton.vue'
export { default as RowActions } from './RowActions.vue'
export { default as FormDialog } from './FormDialog.vue'
export { default as UserPicker } from './UserPicker.vue'
export { default as StandaloneLayout } from './StandaloneLayout.vue'
export { default as RecycleBinTable } from './RecycleBinTable.vue'
export { default as FormErrorAlerts } from './FormErrorAlerts.vue'
export { default as AttachmentUpload } from './AttachmentUpload.vue'
export { default as DateRangeFilter } from './DateRangeFilter.vue'
export {
  checkAttachment,
  downloadAttachment,
  uploadAttachment,
  formatBytes,
  type AttachmentCheck,
} from './attachments'
export { mountStandalone, type StandaloneOptions } from './standalone'
export { installMosaicApp, configureMosaicDictionaries } from './appSetup'
export { standaloneMenu, type StandaloneMenuItem } from './standaloneMenu'
export { confirmDelete, type ConfirmDeleteOptions } from './confirmDelete'
export { uiMessages, useUiText, translateUi, storedLocale, actionLabel, type UiLocale } from './i18n'
export { asProblem, fieldErrorMap, problemText, type ProblemLike } from './errors'
export {
  formatDateTime,
  formatValue,
  diffRecords,
  formatMoney,
  type FieldChange,
  type MoneyFormat,
} from './format'
export {
  field,
  registerRecordTypes,
  recordType,
  recordTypes,
  auditedServices,
  type FieldKind,
  type FieldLabel,
  type FieldSpec,
  type RecordTypeSpec,
} from './records'
export { mergedAuditSearch, type AuditPageFetch, type MergedAuditEntry } from './auditSearch'
export { useRecordFormat, snapshotChanges, type ChangeRow, type Names } from './recordFormat'
export { useServerErrors } from './serverErrors'
export { useFormSubmit, type FormSubmitOptions, type SubmitFormProps } from './formSubmit'
export type {
  ListColumn,
  ListParams,
  ListFetch,
  ListPageHandle,
  RowAction,
  TagType,
  PickerUser,
  UserSearch,
  RecycleBinApi,
} from './types'
