import type { RouteRecordRaw } from 'vue-router'
import type { RemoteModule } from '@mosaic/web-kit'
import { messages } from './messages'
// Registers the admin record types (field labels and kinds for every history view).
import './records'

/** Each page is its own chunk, so opening "Users" never downloads the dictionary editor. */
const routes: RouteRecordRaw[] = [
  {
    path: 'users',
    name: 'admin-users',
    component: () => import('./pages/users/UsersPage.vue'),
    meta: { title: { zh: '用户管理', en: 'Users' }, permission: 'admin.user.read', icon: 'User' },
  },
  {
    path: 'depts',
    name: 'admin-depts',
    component: () => import('./pages/depts/DeptsPage.vue'),
    meta: {
      title: { zh: '部门管理', en: 'Departments' },
      permission: 'admin.dept.read',
      icon: 'OfficeBuilding',
    },
  },
  {
    path: 'roles',
    name: 'admin-roles',
    component: () => import('./pages/roles/RolesPage.vue'),
    meta: { title: { zh: '角色管理', en: 'Roles' }, permission: 'admin.role.read', icon: 'Avatar' },
  },
  {
    path: 'dictionaries',
    name: 'admin-dictionaries',
    component: () => import('./pages/dictionaries/DictionariesPage.vue'),
    meta: {
      title: { zh: '数据字典', en: 'Data dictionaries' },
      permission: 'admin.dict.read',
      icon: 'Collection',
    },
  },
  {
    // A menu section: its pages are the children; opening the section itself shows the first one.
    path: 'rules',
    name: 'admin-rules',
    redirect: { name: 'admin-rules-numbers' },
    meta: { title: { zh: '规则设置', en: 'Rules' }, permission: 'admin.rule.read', icon: 'SetUp' },
    children: [
      {
        path: 'numbers',
        name: 'admin-rules-numbers',
        component: () => import('./pages/rules/NumberRulesPage.vue'),
        meta: {
          title: { zh: '编号规则', en: 'Number rules' },
          permission: 'admin.rule.read',
          icon: 'Tickets',
        },
      },
      {
        path: 'closure',
        name: 'admin-rules-closure',
        component: () => import('./pages/rules/ClosureRulesPage.vue'),
        meta: {
          title: { zh: '结单规则', en: 'Closure rules' },
          permission: 'admin.rule.read',
          icon: 'CircleCheck',
        },
      },
      {
        path: 'pool',
        name: 'admin-rules-pool',
        component: () => import('./pages/rules/PoolRulesPage.vue'),
        meta: {
          title: { zh: '公海规则', en: 'Public pool rules' },
          permission: 'admin.rule.read',
          icon: 'Coordinate',
        },
      },
    ],
  },
  {
    // The service desk's calendar and closing rules, kept by the tickets service (SPEC §3.1).
    path: 'sla',
    name: 'admin-sla',
    component: () => import('./pages/sla/SlaSettingsPage.vue'),
    meta: {
      title: { zh: 'SLA 与工作时间', en: 'SLA and hours' },
      permission: 'tickets.sla.read',
      icon: 'Timer',
    },
  },
  {
    path: 'approval-flows',
    name: 'admin-approval-flows',
    component: () => import('./pages/approvals/ApprovalFlowsPage.vue'),
    meta: {
      title: { zh: '审批流程', en: 'Approval flows' },
      permission: 'admin.approval-flow.read',
      icon: 'Share',
    },
  },
  {
    path: 'audit',
    name: 'admin-audit',
    component: () => import('./pages/audit/AuditPage.vue'),
    meta: { title: { zh: '操作日志', en: 'Audit log' }, permission: 'admin.audit.read', icon: 'Document' },
  },
  {
    path: 'recycle-bin',
    name: 'admin-recycle-bin',
    component: () => import('./pages/recycle/RecycleBinPage.vue'),
    meta: { title: { zh: '回收站', en: 'Recycle bin' }, permission: 'admin.recycle.read', icon: 'Delete' },
  },
  {
    path: 'init',
    name: 'admin-init',
    component: () => import('./pages/init/InitPage.vue'),
    meta: {
      title: { zh: '数据初始化', en: 'Data initialisation' },
      permission: 'admin.init.run',
      icon: 'Refresh',
    },
  },
]

const adminModule: RemoteModule = {
  name: 'admin',
  title: { zh: '系统管理', en: 'Administration' },
  icon: 'Setting',
  basePath: '/admin',
  routes,
  messages,
  // The approvals waiting for the caller: every signed-in user has an approval centre, so no code gates it.
  dashboard: [{ service: 'admin' }],
}

export default adminModule
