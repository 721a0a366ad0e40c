import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import {
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
} from '@mosaic/service-kit'
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
  api.route({
    method: 'get',
    path: '/depts/:id',
    summary: 'A department',
    tags,
    access: 'admin.dept.read',
    params: IdParams,
    response: admin.Dept,
    handler: ({ params }) => db.transaction(async (m) => presentDept(await depts.get(m, params.id))),
  })
  api.route({
    method: 'patch',
    path: '/depts/:id',
    summary: 'Edit a department (If-Match: version)',
    tags,
    access: 'admin.dept.update',
    params: IdParams,
    body: admin.DeptUpdate,
    response: admin.Dept,
    handler: ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction(async (m) =>
        presentDept(await updateDept(m, recordContext(principal, requestId), params.id, version, body)),
      )
    },
  })
  api.route({
    method: 'delete',
    path: '/depts/:id',
    summary: 'Move a department to the recycle bin',
    tags,
    access: 'admin.dept.delete',
    params: IdParams,
    handler: ({ params, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      return db.transaction((m) => deleteDept(m, recordContext(principal, requestId), params.id, version))
    },
  })
  registerRecordRoutes(api, {
    path: '/depts',
    store: depts,
    db,
    tag: 'departments',
    present: async (_m, row) => presentDept(row),
    beforeRestore: checkRestorable,
    access: { read: 'admin.dept.read', update: 'admin.dept.update', restore: 'admin.recycle.restore' },
  })
}
