import { z } from 'zod'
import { admin } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
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
  registerAggregate(api, {
    resource: 'admin.dept',
    path: '/depts',
    tag: 'departments',
    db,
    store: depts,
    response: admin.Dept,
    present: (_m, row) => presentDept(row),
    list: {
      summary: 'All departments (flat)',
      response: z.array(admin.Dept),
      run: (m) => listDepts(m),
    },
    create: { summary: 'Create a department', body: admin.DeptCreate, run: createDept },
    update: { body: admin.DeptUpdate, apply: updateDept },
    remove: deleteDept,
    beforeRestore: checkRestorable,
    views: {
      tree: {
        summary: 'Department tree',
        response: z.array(admin.DeptNode),
        run: async (m) => buildTree(await listDepts(m)),
      },
    },
  })
}
