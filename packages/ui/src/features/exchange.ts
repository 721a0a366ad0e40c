import {
  IMPORT_FILE_MAX_BYTES,
  type ExchangeFormat,
  type ImportBatch,
  type ImportDryRun,
  type ImportField,
  type ImportPlan,
  type ImportPreview,
  type ImportUndo,
} from '@mosaic/schemas'
import { exchangeRoutesOf } from '@mosaic/schemas/contracts'
import { api, contractCaller, type DownloadedFile } from '@mosaic/web-kit'

/** The import/export calls of one list (`exchangeRoutesOf` in the contract), as the dialogs use them. */
export interface ExchangeClient {
  /** The filtered list as a file; `query` holds the list's filters, `format` and `columns`. */
  exportFile(query: Record<string, unknown>): Promise<DownloadedFile>
  template(format: ExchangeFormat): Promise<DownloadedFile>
  fields(): Promise<ImportField[]>
  upload(file: File): Promise<ImportPreview>
  batches(): Promise<ImportBatch[]>
  batch(id: string): Promise<ImportBatch>
  dryRun(id: string, plan: ImportPlan): Promise<ImportDryRun>
  commit(id: string, plan: ImportPlan): Promise<ImportBatch>
  undo(id: string): Promise<ImportUndo>
}

/** The types an import file may have, by extension (what the service's parser reads). */
export const IMPORT_FILE_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export type ImportFileCheck = { ok: true; type: string } | { ok: false; reason: 'type' | 'size' }

/** Checked before a byte is sent: the type from the extension (browsers disagree on `File.type`). */
export function checkImportFile(file: { name: string; size: number }): ImportFileCheck {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? ''
  const type = IMPORT_FILE_TYPES[ext]
  if (!type) return { ok: false, reason: 'type' }
  if (file.size > IMPORT_FILE_MAX_BYTES) return { ok: false, reason: 'size' }
  return { ok: true, type }
}

/**
 * The client of the list at `listPath` (its list route's path, e.g. `routes.listCustomers.path`):
 * the routes come from the same `exchangeRoutesOf` the service's contract spreads, so no URL is
 * written here. Downloads go through the page's `api` (bearer token, refresh): a plain link
 * could not carry the token.
 */
export function exchangeClient(listPath: string): ExchangeClient {
  const routes = exchangeRoutesOf(listPath)
  const call = contractCaller(api)
  const byId = (id: string) => ({ params: { id } })
  return {
    exportFile: (query) => api.download(routes.Export.path, { query }),
    template: (format) => api.download(routes.ImportTemplate.path, { query: { format } }),
    fields: () => call(routes.ImportFields),
    upload: (file) => {
      const check = checkImportFile(file)
      const type = check.ok ? check.type : file.type || 'application/octet-stream'
      // Exactly as attachments are sent: the raw body, its type, and the name URL-encoded.
      return api.upload<ImportPreview>(routes.ImportUpload.path, file, {
        headers: { 'Content-Type': type, 'X-File-Name': encodeURIComponent(file.name) },
      })
    },
    batches: () => call(routes.ImportBatches),
    batch: (id) => call(routes.ImportBatch, byId(id)),
    dryRun: (id, plan) => call(routes.ImportDryRun, { ...byId(id), body: plan }),
    commit: (id, plan) => call(routes.ImportCommit, { ...byId(id), body: plan }),
    undo: (id) => call(routes.ImportUndo, byId(id)),
  }
}

/** Hands downloaded bytes to the browser as a file (the server's name, else `fallback`). */
export function saveFile(file: DownloadedFile, fallback: string): void {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName ?? fallback
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later rather than at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
