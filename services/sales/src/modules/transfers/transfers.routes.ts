import { sales } from '@mosaic/schemas'
import { recordContext, type ApiRouter, type Database, type Service } from '@mosaic/service-kit'
import { TRANSFER_OPTIONS } from './transfer-plan.js'
import { commitTransfer, previewTransfer } from './transfers.service.js'

/** The record type's own `sales.<type>.transfer` permission is checked once the body names the type. */
const ANY_TRANSFER = { anyOf: sales.TRANSFERABLE.map((t) => `sales.${t}.transfer`) }

export function registerTransferRoutes(api: ApiRouter, db: Database, logger: Service['logger']) {
  const tags = ['transfers']
  api.route({
    method: 'get',
    path: '/transfers/options',
    summary: 'What the transfer form may offer per record type (cascades that exist)',
    tags,
    access: ANY_TRANSFER,
    response: sales.TransferOptions,
    handler: () => TRANSFER_OPTIONS,
  })
  api.route({
    method: 'post',
    path: '/transfers/preview',
    summary: 'Dry run of an owner change: every record that would change, and what would be refused',
    tags,
    access: ANY_TRANSFER,
    body: sales.TransferRequest,
    status: 200,
    response: sales.TransferPreview,
    handler: ({ body, principal }) => db.transaction((m) => previewTransfer(m, principal, body)),
  })
  api.route({
    method: 'post',
    path: '/transfers',
    summary: 'Change the owner of records (per-record results; the same body as the preview)',
    tags,
    access: ANY_TRANSFER,
    body: sales.TransferRequest,
    status: 200,
    response: sales.TransferResult,
    handler: ({ body, principal, requestId }) =>
      commitTransfer(db, { ...recordContext(principal, requestId), principal }, body, logger),
  })
}
