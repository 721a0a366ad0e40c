import { z } from 'zod'
import {
  BulkDeleteBody,
  BulkEditBody,
  BulkResult,
  Dashboard,
  DashboardQuery,
  ExportQuery,
  ImportBatch,
  ImportDryRun,
  ImportField,
  ImportPlan,
  ImportPreview,
  ImportUndo,
  TemplateQuery,
} from '../workbench/index.js'
import { defineRoutes } from './contract.js'

/**
 * The routes every main list has (import/export, bulk) and every service has (dashboard), declared
 * once here and spread into each service's contracts under the list's prefix, so the apps get typed
 * clients (`customersImportCommit`) and the sweeps over `serviceRoutes` reach them.
 */

/** Import and export under a list's path (`/api/sales/customers`); see `workbench/exchange.ts`. */
export function exchangeRoutesOf<const P extends string>(path: P) {
  return defineRoutes({
    /** The file itself (CSV or XLSX), streamed; no JSON answer. */
    Export: { method: 'get', path: `${path}/export`, query: ExportQuery },
    ImportTemplate: { method: 'get', path: `${path}/import/template`, query: TemplateQuery },
    ImportFields: { method: 'get', path: `${path}/import/fields`, response: z.array(ImportField) },
    /** The raw file as the body (Content-Type, `X-File-Name`), like `POST /attachments`. */
    ImportUpload: { method: 'post', path: `${path}/imports`, response: ImportPreview },
    ImportBatches: { method: 'get', path: `${path}/imports`, response: z.array(ImportBatch) },
    ImportBatch: { method: 'get', path: `${path}/imports/:id`, response: ImportBatch },
    ImportDryRun: {
      method: 'post',
      path: `${path}/imports/:id/dry-run`,
      body: ImportPlan,
      response: ImportDryRun,
    },
    ImportCommit: {
      method: 'post',
      path: `${path}/imports/:id/commit`,
      body: ImportPlan,
      response: ImportBatch,
    },
    ImportUndo: { method: 'post', path: `${path}/imports/:id/undo`, response: ImportUndo },
  })
}

/**
 * Bulk edit and bulk delete under a list's path. `edit` is the resource's own strict schema of the
 * fields it allows in bulk (`BulkEditBody` shape: `{ ids, changes }`), so the body check is the service's.
 */
export function bulkRoutesOf<const P extends string, E extends z.ZodType = typeof BulkEditBody>(
  path: P,
  edit?: E,
) {
  return defineRoutes({
    BulkEdit: {
      method: 'post',
      path: `${path}/bulk-edit`,
      body: (edit ?? BulkEditBody) as E,
      response: BulkResult,
    },
    BulkDelete: { method: 'post', path: `${path}/bulk-delete`, body: BulkDeleteBody, response: BulkResult },
  })
}

/** `GET /api/<service>/dashboard`: the service's figures for the home page. */
export function dashboardRouteOf<const S extends string>(service: S) {
  return defineRoutes({
    dashboard: {
      method: 'get',
      path: `/api/${service}/dashboard`,
      query: DashboardQuery,
      response: Dashboard,
    },
  })
}

type Prefixed<N extends string, T> = { [K in keyof T & string as `${N}${K}`]: T[K] }

/** `prefixed('customers', exchangeRoutesOf(…))` → `{ customersExport, customersImportUpload, … }`. */
export function prefixed<const N extends string, T extends Record<string, unknown>>(
  name: N,
  routes: T,
): Prefixed<N, T> {
  return Object.fromEntries(Object.entries(routes).map(([k, v]) => [`${name}${k}`, v])) as Prefixed<N, T>
}
