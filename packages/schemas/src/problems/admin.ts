import type { ProblemCatalog } from './catalog.js'

/**
 * What the admin service (users, departments, roles, dictionaries, rules, sign-in) answers, and
 * the kit's token checks (`auth.*`), in both languages.
 */
export const adminProblems = {
  // Sign-in and tokens (admin's auth routes and the kit's token check in every service).
  'auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Invalid username or password.' },
  'auth.account_locked': {
    zh: '登录失败次数过多，账号已锁定至 {until}',
    en: 'Too many failed sign-ins. The account is locked until {until}.',
  },
  'auth.account_disabled': { zh: '该账号已停用', en: 'This account is disabled.' },
  'auth.account_unavailable': {
    zh: '账号已停用或不存在，请重新登录',
    en: 'The account is disabled or no longer exists.',
  },
  'auth.token_outdated': {
    zh: '您的权限已变更，请刷新后重试',
    en: 'Your access changed since this token was issued; refresh it.',
  },
  'auth.token_expired': { zh: '登录已过期，请刷新', en: 'The access token has expired.' },
  'auth.token_invalid': { zh: '登录凭证无效，请重新登录', en: 'The access token is invalid.' },
  'auth.token_wrong_audience': {
    zh: '登录凭证不适用于此服务（{claim}）',
    en: 'The access token is not valid here ({claim}).',
  },
  'auth.bearer_required': { zh: '登录凭证格式不正确', en: 'Use a Bearer token.' },
  'auth.no_session': { zh: '会话不存在，请重新登录', en: 'No session. Please sign in.' },
  'auth.session_expired': { zh: '会话已过期，请重新登录', en: 'Session expired. Please sign in again.' },
  'auth.session_reused': {
    zh: '会话已在别处使用并被注销，请重新登录',
    en: 'Session revoked: this sign-in was used elsewhere. Please sign in again.',
  },
  'auth.too_many_logins': {
    zh: '登录尝试过于频繁，请一分钟后再试',
    en: 'Too many sign-in attempts. Wait a minute and try again.',
  },
  'auth.too_many_refreshes': {
    zh: '刷新过于频繁，请稍后再试',
    en: 'Too many session refreshes. Try again shortly.',
  },
  'auth.too_many_password_attempts': {
    zh: '修改密码尝试过于频繁，请稍后再试',
    en: 'Too many password change attempts. Wait a minute and try again.',
  },
  'auth.current_password_wrong': { zh: '当前密码不正确', en: 'Current password is incorrect' },
  'auth.password_unchanged': {
    zh: '新密码不能与当前密码相同',
    en: 'Choose a password different from the current one',
  },

  // Escalation guards: nobody hands out more than they hold.
  'admin.role.permission_not_held': {
    zh: '不能授予自己没有的权限：{codes}',
    en: 'You cannot grant permissions you do not hold: {codes}',
  },
  'admin.role.scope_too_wide': {
    zh: '不能授予比自己更大的数据范围（您的范围：{held}）',
    en: 'You cannot grant a data scope wider than your own ({held}).',
  },
  'admin.role.own_role': {
    zh: '不能修改或删除自己所拥有的角色',
    en: 'You cannot change or delete a role you hold.',
  },
  'admin.role.super_admin_protected': {
    zh: '内置的超级管理员角色不能修改或删除',
    en: 'The built-in super administrator role cannot be changed or deleted.',
  },
  'admin.user.super_admin_protected': {
    zh: '只有超级管理员可以修改、停用或删除超级管理员',
    en: 'Only a super administrator can change, disable or delete a super administrator.',
  },
  'admin.user.own_roles': { zh: '不能修改自己的角色', en: 'You cannot change your own roles.' },
  'admin.user.disable_self': { zh: '不能停用自己的账号', en: 'You cannot disable your own account.' },
  'admin.user.delete_self': { zh: '不能删除自己的账号', en: 'You cannot delete your own account.' },
  'admin.user.username_taken': { zh: '用户名已存在', en: 'Username already exists' },
  'admin.user.dept_missing': { zh: '部门不存在', en: 'Department does not exist' },
  'admin.user.roles_missing': { zh: '部分角色不存在', en: 'One or more roles do not exist' },
  'admin.user.username_format': {
    zh: '3–32 位字母、数字、点、短横线或下划线',
    en: '3–32 letters, digits, dot, dash or underscore',
  },
  'admin.user.not_locked': { zh: '该用户未被锁定', en: 'This user is not locked.' },

  'admin.role.code_taken': { zh: '角色编码已存在', en: 'Code already exists' },
  'admin.role.name_taken': { zh: '角色名称已存在', en: 'A role with this name exists' },
  'admin.role.built_in_delete': {
    zh: '内置角色不能删除，可修改其权限',
    en: 'Built-in roles cannot be deleted; edit their permissions instead.',
  },
  'admin.role.in_use': {
    zh: '该角色仍分配给 {count} 个用户，请先取消分配',
    en: 'This role is assigned to {count} user(s). Remove it from them first.',
  },

  'admin.dept.parent_missing': { zh: '上级部门不存在', en: 'Parent department does not exist' },
  'admin.dept.parent_cycle': {
    zh: '不能移动到自身或其下级部门之下',
    en: 'A department cannot move under itself or its sub-departments',
  },
  'admin.dept.leader_missing': { zh: '用户不存在', en: 'User does not exist' },
  'admin.dept.in_use': {
    zh: '该部门仍有 {children} 个下级部门和 {members} 个用户，请先移走或删除',
    en: 'This department still has {children} sub-department(s) and {members} user(s). Move or delete them first.',
  },
  'admin.dept.parent_deleted': {
    zh: '上级部门已删除，请先恢复上级部门',
    en: 'Its parent department is deleted. Restore the parent first.',
  },

  'admin.dict.type_not_found': { zh: '字典类型不存在', en: 'Dictionary type not found.' },
  'admin.dict.entry_not_found': { zh: '字典项不存在', en: 'Dictionary entry not found.' },
  'admin.dict.code_taken': { zh: '字典类型编码已存在', en: 'Code already exists' },
  'admin.dict.built_in_delete': {
    zh: '内置字典类型不能删除',
    en: 'Built-in dictionary types cannot be deleted.',
  },
  'admin.dict.type_in_use': {
    zh: '该类型下还有 {count} 个字典项，请先删除或停用',
    en: 'This type still has {count} entries. Delete or disable them first.',
  },
  'admin.dict.code_format': {
    zh: '以小写字母开头，仅含小写字母、数字和下划线',
    en: 'snake_case, starting with a letter',
  },
  'admin.dict.value_format': {
    zh: '1–40 位字母、数字、点、短横线或下划线',
    en: '1–40 letters, digits, dot, dash or underscore',
  },
  'admin.dict.tag_format': {
    zh: '须为标签类型（primary、success、info、warning、danger）或 #rrggbb 颜色',
    en: 'A tag type or #rrggbb colour',
  },
  'admin.dict.value_taken': { zh: '字典值已存在', en: 'Value already exists' },
  'admin.dict.entry_in_use': {
    zh: '该字典项可能已被业务数据使用，请停用而不是删除',
    en: 'This entry may be in use by existing records. Disable it instead of deleting it.',
  },

  'admin.notification.not_found': { zh: '消息不存在', en: 'Notification not found.' },
  'admin.approval.not_found': { zh: '审批不存在', en: 'Approval not found.' },
  'admin.approval.task_not_found': { zh: '审批任务不存在', en: 'Approval task not found.' },
  'admin.approval.task_not_pending': {
    zh: '该审批任务已处理或已取消',
    en: 'This approval task has already been decided or cancelled.',
  },
  'admin.approval.not_pending': {
    zh: '该审批已结束（{status}）',
    en: 'This approval is no longer pending ({status}).',
  },
  'admin.approval.not_submitter': {
    zh: '只有提交人可以撤回审批',
    en: 'Only the submitter can withdraw an approval.',
  },
  'admin.approval.flow_stale': {
    zh: '审批流程已被他人修改（当前版本 {current}），请刷新后重试',
    en: 'The approval flow was changed by someone else (now version {current}). Reload and try again.',
  },
  'admin.approval.approver_required': { zh: '请选择审批人', en: 'Choose the approver.' },
  'admin.approval.approver_not_allowed': {
    zh: '部门负责人审批不需要指定审批人',
    en: 'A department-head step takes no approver.',
  },
  'admin.approval.unknown_role': { zh: '角色不存在', en: 'No such role.' },
  'admin.approval.unknown_user': { zh: '用户不存在或已停用', en: 'No such enabled user.' },
  'admin.rule.number_exists': {
    zh: '“{docType}”已有编号规则，请编辑该规则',
    en: 'A number rule for "{docType}" already exists. Edit that rule instead.',
  },
  'admin.rule.pool_missing': {
    zh: '公海规则不存在（请先执行数据初始化）',
    en: 'Pool rule not found (run data initialisation).',
  },
  // The demo company loader (decision 115).
  'admin.demo.not_demo_mode': {
    zh: '仅演示模式可加载演示数据',
    en: 'Demo data can be loaded only in demo mode.',
  },
  'admin.demo.peer_missing': {
    zh: '未配置其他服务的地址，无法加载演示数据',
    en: 'A service the demo data needs has no configured address; the demo data cannot be loaded.',
  },
  'admin.demo.peer_unavailable': {
    zh: '其他服务暂不可用，请稍后重新加载演示数据',
    en: 'A service the demo data needs is unavailable; load the demo data again later.',
  },
  'admin.demo.peer_refused': {
    zh: '其他服务拒绝了演示数据的写入，请查看日志后重新加载',
    en: 'Another service refused a demo data write; see the log, then load again.',
  },
  'admin.demo.timeout': {
    zh: '等待其他服务处理超时，请重新加载演示数据以继续',
    en: 'Timed out waiting for another service; load the demo data again to continue.',
  },
  'admin.demo.interrupted': {
    zh: '演示数据加载被中断，请重新加载以完成',
    en: 'The demo data load was interrupted; load it again to complete it.',
  },
  'admin.demo.failed': {
    zh: '演示数据加载失败，请重新加载以继续',
    en: 'Loading the demo data failed; load it again to continue.',
  },
} as const satisfies ProblemCatalog
