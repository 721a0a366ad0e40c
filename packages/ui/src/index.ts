// Presentational components (props in, events out; no store, no fetch of their own).
export { default as ListPage } from './components/ListPage.vue'
export { default as EditableLines } from './components/EditableLines.vue'
export { default as RecordDrawer } from './components/RecordDrawer.vue'
export { default as FormDialog } from './components/FormDialog.vue'
export { default as FormErrorAlerts } from './components/FormErrorAlerts.vue'
export { default as StatusTag } from './components/StatusTag.vue'
export { default as PermissionButton } from './components/PermissionButton.vue'
export { default as CreateButton } from './components/CreateButton.vue'
export { default as RouteButton } from './components/RouteButton.vue'
export { default as RowActions } from './components/RowActions.vue'
export { default as UserPicker } from './components/UserPicker.vue'
export { default as DateRangeFilter } from './components/DateRangeFilter.vue'
export { default as DictFilter } from './components/filters/DictFilter.vue'
export { default as KeywordFilter } from './components/filters/KeywordFilter.vue'
export { default as OwnerFilter } from './components/filters/OwnerFilter.vue'
export { default as FilterBar } from './components/filters/FilterBar.vue'
export type { FilterField, FilterOption } from './components/filters/filterFields'
export { default as DateTimeField } from './components/fields/DateTimeField.vue'
export { default as DictField } from './components/fields/DictField.vue'
export { default as TextField } from './components/fields/TextField.vue'
export { default as OwnerField } from './components/fields/OwnerField.vue'
export { default as SwitchField } from './components/fields/SwitchField.vue'
export { default as NumberField } from './components/fields/NumberField.vue'
export { default as OptionsField } from './components/fields/OptionsField.vue'
export { default as TreeField } from './components/fields/TreeField.vue'
export { default as ReasonDialog } from './components/ReasonDialog.vue'
export { default as BulkResultDialog } from './components/BulkResultDialog.vue'
export { default as RemotePage } from './components/RemotePage.vue'
export { default as PageHeader } from './components/PageHeader.vue'
export { default as DetailList } from './components/DetailList.vue'
export type { DetailItem } from './components/detailItems'
export { default as ApprovalProgress } from './components/ApprovalProgress.vue'
export {
  useApprovalLabels,
  currentStepName,
  APPROVAL_STATUS_TAGS,
  TASK_STATUS_TAGS,
  STEP_STATUS_TAGS,
} from './components/approvalLabels'

// Effectful features: they fetch, or read the session, registries and stores.
export { default as LoginForm } from './features/LoginForm.vue'
export { default as AuditTimeline } from './features/AuditTimeline.vue'
export { default as VersionHistory } from './features/VersionHistory.vue'
export { default as RecordHistoryDrawer } from './features/RecordHistoryDrawer.vue'
export { default as DiffTable } from './features/DiffTable.vue'
export { default as StandaloneLayout } from './features/StandaloneLayout.vue'
export { default as RecycleBinTable } from './features/RecycleBinTable.vue'
export { default as RecycleBinPage } from './features/RecycleBinPage.vue'
export { default as AttachmentUpload } from './features/AttachmentUpload.vue'
export { default as PasswordDialog } from './features/PasswordDialog.vue'
export { default as ApprovalHistory } from './features/ApprovalHistory.vue'
export { withdrawApproval, documentApprovals } from './features/approvals'
export { default as ImportDialog } from './features/ImportDialog.vue'
export { default as ImportBatchesDialog } from './features/ImportBatchesDialog.vue'
export { default as ImportButton } from './features/ImportButton.vue'
export { default as ExportButton } from './features/ExportButton.vue'
export { default as BulkBar } from './features/BulkBar.vue'
export { default as BulkEditDialog } from './features/BulkEditDialog.vue'
export {
  exchangeClient,
  checkImportFile,
  saveFile,
  IMPORT_FILE_TYPES,
  type ExchangeClient,
} from './features/exchange'
export { bulkClient, inChunks, type BulkClient, type ChunkOptions } from './features/bulk'
export { listWorkbench, type ListWorkbenchOptions } from './features/workbench'

// A remote page's state: texts, list selection and bulk results, record dialogs and forms.
export { useText } from './composables/useText'
export { useOpenFromQuery } from './composables/openFromQuery'
export { useSelectableList, useBulkResult } from './composables/listPage'
export {
  useFormDrawer,
  useRecordDialog,
  useRecordForm,
  type FormDrawerOptions,
  type RecordDialog,
} from './composables/recordDialog'
export { useDetailRecord } from './composables/detailRecord'
export { useRowAction } from './composables/rowAction'
export { useColumns } from './composables/columns'
export { useListFilters } from './composables/listFilters'
export { useLoad } from './composables/load'
export { useFormRules } from './composables/formRules'
export {
  withRanges,
  blankToNull,
  dayStart,
  dayEnd,
  toLocalIso,
  todayIso,
  PICKER_DATETIME,
  PICKER_DATE,
  type RangeSpec,
} from './composables/ranges'

export {
  checkAttachment,
  downloadAttachment,
  uploadAttachment,
  formatBytes,
  type AttachmentCheck,
} from './features/attachments'
export { mountStandalone, type StandaloneOptions } from './features/standalone'
export { installMosaicApp, configureMosaicDictionaries } from './features/appSetup'
export { standaloneMenu, type StandaloneMenuItem } from './features/standaloneMenu'
export { confirmDelete, type ConfirmDeleteOptions } from './components/confirmDelete'
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
export { mergedAuditSearch, type AuditPageFetch, type MergedAuditEntry } from './features/auditSearch'
export { useRecordFormat, snapshotChanges, type ChangeRow, type Names } from './features/recordFormat'
export { useServerErrors, wholeDocumentErrors } from './components/serverErrors'
export { useFormSubmit, type FormSubmitOptions, type SubmitFormProps } from './components/formSubmit'
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
  BulkResult,
  FieldOption,
  BulkField,
  BulkFieldKind,
  ListExchange,
  ListBulk,
} from './types'
