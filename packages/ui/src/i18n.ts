import { computed } from 'vue'
import { useI18n, type Composer } from 'vue-i18n'
import { auditActionLabel } from '@mosaic/schemas'

type Messages = { [key: string]: string | Messages }

const zh = {
  ui: {
    common: {
      save: '保存',
      cancel: '取消',
      confirm: '确定',
      search: '查询',
      reset: '重置',
      reload: '重新加载',
      actions: '操作',
      empty: '暂无数据',
      yes: '是',
      no: '否',
      enabled: '启用',
      disabled: '停用',
      more: '更多',
      logout: '退出登录',
      close: '关闭',
    },
    login: {
      title: '登录',
      username: '用户名',
      password: '密码',
      submit: '登录',
      usernameRequired: '请输入用户名',
      passwordRequired: '请输入密码',
      failed: '用户名或密码错误',
      locked: '账号已被锁定，请稍后再试',
      network: '无法连接服务器，请稍后再试',
    },
    list: {
      total: '共 {total} 条',
      prev: '上一页',
      next: '下一页',
      pageSize: '{size} 条/页',
      columns: '列设置',
      loadFailed: '加载失败：{msg}',
      loadFailedShort: '加载失败',
      fromLink: '已按打开的链接筛选（见筛选条件）',
      clearLinkFilters: '清除筛选',
      retry: '重试',
      loading: '加载中…',
      keyword: '关键词',
      deepPage: '第 {page} 页',
      firstPage: '回到第 1 页',
      deeperHint: '之后的页按顺序逐页浏览',
    },
    drawer: {
      conflict: '该记录已被其他人修改，请重新加载后再编辑。',
      saved: '保存成功',
      fieldErrors: '请修正以下问题：',
    },
    recycle: {
      title: '回收站',
      entityType: '类型',
      name: '名称',
      deletedAt: '删除时间',
      deletedBy: '删除人',
      restore: '恢复',
      purge: '彻底删除',
      restored: '已恢复「{name}」',
      purged: '已彻底删除「{name}」',
      purgeTitle: '彻底删除',
      purgeMessage: '确定彻底删除「{name}」吗？此操作不可恢复。',
    },
    audit: {
      empty: '暂无操作记录',
      system: '系统',
      field: '字段',
      before: '修改前',
      after: '修改后',
      unknownRef: '（已不存在）',
      teamMember: '协作人',
      teamAccess: '协作权限',
      teamRead: '只读',
      teamWrite: '读写',
    },
    version: {
      empty: '暂无历史版本',
      version: '版本',
      at: '时间',
      actor: '操作人',
      action: '操作',
      compare: '与当前版本的差异',
      compareWith: '版本 {from} 与当前版本（版本 {to}）的差异',
      changedIn: '版本 {version}（当前版本）的修改',
      createdAs: '版本 {version}（当前版本）：新建时的内容',
      same: '与当前版本相同',
      restore: '恢复此版本',
      restoreConfirm: '确定将记录恢复到版本 {version} 吗？恢复会生成一个新版本。',
      restored: '已恢复到版本 {version}',
    },
    history: {
      audit: '操作记录',
      versions: '修改历史',
    },
    attachments: {
      upload: '上传附件',
      hint: '最多 {n} 个，每个不超过 {size}；支持图片、PDF、Office 文档、文本、CSV、ZIP',
      remove: '移除',
      empty: '无附件',
      tooLarge: '「{name}」超过 {size}，未上传',
      badType: '不支持 .{ext} 类型的文件：「{name}」',
      tooMany: '最多 {n} 个附件',
      failed: '「{name}」上传失败：{msg}',
    },
    fields: {
      owner: '负责人',
      ownerDefault: '默认为我',
    },
    bulk: {
      summary: '成功 {ok} 条，失败 {failed} 条',
      record: '记录',
      outcome: '结果',
      ok: '成功',
      failed: '失败',
      reason: '原因',
    },
    delete: {
      title: '删除确认',
      message: '确定删除「{name}」吗？删除后可在回收站恢复。',
      confirm: '删除',
    },
    approval: {
      title: '审批记录',
      empty: '暂无审批记录',
      steps: '审批步骤',
      history: '审批过程',
      submittedBy: '{name} 提交于 {at}',
      flowVersion: '流程版本 {version}',
      withdraw: '撤回',
      withdrawTitle: '撤回审批',
      withdrawMessage: '确定撤回「{name}」的审批申请吗？撤回后可修改后重新提交。',
      withdrawn: '已撤回审批申请',
      noApprover: '（未找到审批人）',
      docTypes: {
        quote: '报价单',
        contract: '合同',
        contractChange: '合同变更',
        closure: '结单',
        closureOverride: '结单例外',
        payment: '回款',
      },
      statuses: { pending: '审批中', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' },
      taskStatuses: { pending: '待审批', approved: '已同意', rejected: '已驳回', cancelled: '已取消' },
      stepStatuses: {
        waiting: '未开始',
        pending: '审批中',
        approved: '已通过',
        rejected: '已驳回',
        skipped: '已跳过',
      },
      modes: { any: '任一人同意', all: '全部同意' },
      actions: {
        submitted: '提交审批',
        approved: '同意',
        rejected: '驳回',
        withdrawn: '撤回',
        autoApproved: '自动通过',
      },
    },
  },
}

const en: typeof zh = {
  ui: {
    common: {
      save: 'Save',
      cancel: 'Cancel',
      confirm: 'OK',
      search: 'Search',
      reset: 'Reset',
      reload: 'Reload',
      actions: 'Actions',
      empty: 'No data',
      yes: 'Yes',
      no: 'No',
      enabled: 'Enabled',
      disabled: 'Disabled',
      more: 'More',
      logout: 'Sign out',
      close: 'Close',
    },
    login: {
      title: 'Sign in',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      usernameRequired: 'Enter your username',
      passwordRequired: 'Enter your password',
      failed: 'Wrong username or password',
      locked: 'The account is locked; try again later',
      network: 'The server cannot be reached; try again later',
    },
    list: {
      total: '{total} in total',
      prev: 'Previous',
      next: 'Next',
      pageSize: '{size} / page',
      columns: 'Columns',
      loadFailed: 'Loading failed: {msg}',
      loadFailedShort: 'Loading failed',
      fromLink: 'Filtered by the link you opened (see the filters)',
      clearLinkFilters: 'Clear filters',
      retry: 'Retry',
      loading: 'Loading…',
      keyword: 'Keyword',
      deepPage: 'Page {page}',
      firstPage: 'Back to page 1',
      deeperHint: 'Later pages are browsed one after another',
    },
    drawer: {
      conflict: 'Someone else changed this record. Reload it before editing.',
      saved: 'Saved',
      fieldErrors: 'Please fix the following:',
    },
    recycle: {
      title: 'Recycle bin',
      entityType: 'Type',
      name: 'Name',
      deletedAt: 'Deleted at',
      deletedBy: 'Deleted by',
      restore: 'Restore',
      purge: 'Purge',
      restored: '"{name}" restored',
      purged: '"{name}" purged',
      purgeTitle: 'Purge permanently',
      purgeMessage: 'Permanently delete "{name}"? This cannot be undone.',
    },
    audit: {
      empty: 'No activity yet',
      system: 'System',
      field: 'Field',
      before: 'Before',
      after: 'After',
      unknownRef: '(no longer exists)',
      teamMember: 'Team member',
      teamAccess: 'Team access',
      teamRead: 'Read',
      teamWrite: 'Read and write',
    },
    version: {
      empty: 'No earlier versions',
      version: 'Version',
      at: 'When',
      actor: 'By',
      action: 'Action',
      compare: 'Differences from the current version',
      compareWith: 'Version {from} compared with the current version ({to})',
      changedIn: 'What version {version} (the current one) changed',
      createdAs: 'Version {version} (the current one): as created',
      same: 'Same as the current version',
      restore: 'Restore this version',
      restoreConfirm: 'Restore the record to version {version}? The restore is saved as a new version.',
      restored: 'Restored to version {version}',
    },
    history: {
      audit: 'Activity',
      versions: 'Versions',
    },
    attachments: {
      upload: 'Upload files',
      hint: 'Up to {n} files of at most {size} each: images, PDF, Office documents, text, CSV, zip',
      remove: 'Remove',
      empty: 'No attachments',
      tooLarge: '"{name}" is larger than {size} and was not uploaded',
      badType: '.{ext} files are not accepted: "{name}"',
      tooMany: 'At most {n} attachments',
      failed: 'Uploading "{name}" failed: {msg}',
    },
    fields: {
      owner: 'Owner',
      ownerDefault: 'Me by default',
    },
    bulk: {
      summary: '{ok} succeeded, {failed} failed',
      record: 'Record',
      outcome: 'Result',
      ok: 'Done',
      failed: 'Failed',
      reason: 'Reason',
    },
    delete: {
      title: 'Confirm deletion',
      message: 'Delete "{name}"? It can be restored from the recycle bin.',
      confirm: 'Delete',
    },
    approval: {
      title: 'Approvals',
      empty: 'Never submitted for approval',
      steps: 'Steps',
      history: 'History',
      submittedBy: 'Submitted by {name} on {at}',
      flowVersion: 'Flow version {version}',
      withdraw: 'Withdraw',
      withdrawTitle: 'Withdraw the submission',
      withdrawMessage: 'Withdraw the approval request of "{name}"? It can be edited and submitted again.',
      withdrawn: 'Submission withdrawn',
      noApprover: '(no approver found)',
      docTypes: {
        quote: 'Quote',
        contract: 'Contract',
        contractChange: 'Contract change',
        closure: 'Closure',
        closureOverride: 'Closure override',
        payment: 'Payment',
      },
      statuses: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
      taskStatuses: { pending: 'To do', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled' },
      stepStatuses: {
        waiting: 'Not started',
        pending: 'In progress',
        approved: 'Approved',
        rejected: 'Rejected',
        skipped: 'Skipped',
      },
      modes: { any: 'Any one approves', all: 'Everyone approves' },
      actions: {
        submitted: 'Submitted',
        approved: 'Approved',
        rejected: 'Rejected',
        withdrawn: 'Withdrawn',
        autoApproved: 'Approved automatically',
      },
    },
  },
}

/** Hosts merge these with web-kit `addMessages(uiMessages)`; components also fall back to them when they don't. */
export const uiMessages: Record<'zh-CN' | 'en', Messages> = { 'zh-CN': zh, en }

export type UiLocale = 'zh-CN' | 'en'

/** Outside components (confirmDelete) there is no i18n injection; web-kit persists the choice here. */
export function storedLocale(): UiLocale {
  try {
    return globalThis.localStorage?.getItem('mosaic.locale') === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

function interpolate(text: string, params?: Record<string, unknown>): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function translateUi(
  key: string,
  params?: Record<string, unknown>,
  locale: UiLocale = storedLocale(),
): string {
  return interpolate(lookup(uiMessages[locale], key) ?? key, params)
}

function tryGlobalComposer(): Composer | null {
  try {
    return useI18n({ useScope: 'global' }) as unknown as Composer
  } catch {
    // No i18n installed (a test, or a host that never created one): the built-in messages still work.
    return null
  }
}

/** `t()` for ui components: the host's i18n when it knows the key, the bundled messages otherwise. */
export function useUiText() {
  const composer = tryGlobalComposer()
  const locale = computed<UiLocale>(() => {
    const l = composer ? String(composer.locale.value) : storedLocale()
    return l.startsWith('en') ? 'en' : 'zh-CN'
  })
  function t(key: string, params?: Record<string, unknown>): string {
    if (composer && composer.te(key)) return params ? composer.t(key, params) : composer.t(key)
    return translateUi(key, params, locale.value)
  }
  return { t, locale }
}

/** An audit action in the reader's language (labels: `AUDIT_ACTIONS` in @mosaic/schemas). */
export function actionLabel(action: string, locale: UiLocale = storedLocale()): string {
  return auditActionLabel(action, locale)
}
