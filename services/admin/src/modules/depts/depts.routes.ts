import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import { recordContext, registerRecordRoutes, type ApiRouter, type Database } from '@mosaic/service-kit'
import { buildTree } from './dept-tree.js'
import {
  checkRestorable,
  createDept,
  deleteDept,
  depts,
  listDepts,
  presentDept,
  updateDept,
} from './depts.service.js'

export function registerDeptRoutes(api: ApiRouter, db: Database) {
  const tags = ['departments']
  api.route({
    method: 'get',
    path: '/depts',
    summary: 'All departments (flat)',
    tags,
    access: 'admin.dept.read',
    response: z.array(admin.Dept),
    handler: () => db.transaction(listDepts),
  })
  api.route({
    method: 'get',
    path: '/depts/tree',
    summary: 'Department tree',
    tags,
    access: 'admin.dept.read',
    response: z.array(admin.DeptNode),
    handler: async () => buildTree(await db.transaction(listDepts)),
  })
  api.route({
    method: 'post',
    path: '/depts',
    summary: 'Create a department',
    tags,
    access: 'admin.dept.create',
    body: admin.DeptCreate,
    response: admin.Dept,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) =>
        presentDept(await createDept(m, recordContext(principal, requestId), body)),
      ),
  })
  registerRecordRoutes(api, {
    path: '/depts',
    store: depts,
    db,
    tag: 'departments',
    present: async (_m, row) => presentDept(row),
    response: admin.Dept,
    update: { body: admin.DeptUpdate, apply: updateDept },
    remove: deleteDept,
    beforeRestore: checkRestorable,
    access: {
      read: 'admin.dept.read',
      update: 'admin.dept.update',
      delete: 'admin.dept.delete',
      restore: 'admin.recycle.restore',
    },
  })
}
