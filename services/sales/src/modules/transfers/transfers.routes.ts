import { sales } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database, type Service } from '@mosaic/service-kit'
import { TRANSFER_OPTIONS, type DocumentLookup } from './transfer-plan.js'
import { commitTransfer, previewTransfer } from './transfers.service.js'

/** The record type's own `sales.<type>.transfer` permission is checked once the body names the type. */
const ANY_TRANSFER = { anyOf: sales.TRANSFERABLE.map((t) => `sales.${t}.transfer`) }

export function registerTransferRoutes(
  api: ApiRouter,
  db: Database,
  logger: Service['logger'],
  documents: DocumentLookup,
) {
  registerAggregate(api, {
    path: '/transfers',
    db,
    access: { read: ANY_TRANSFER },
    views: {
      options: {
        summary: 'What the transfer form may offer per record type (cascades that exist)',
        response: sales.TransferOptions,
        run: async () => TRANSFER_OPTIONS,
      },
    },
    commands: {
      preview: {
        summary: 'Dry run of an owner change: every record that would change, and what would be refused',
        access: ANY_TRANSFER,
        body: sales.TransferRequest,
        response: sales.TransferPreview,
        run: (m, ctx, { body }) => previewTransfer(m, ctx.principal, body, documents),
      },
      commit: {
        path: '',
        summary: 'Change the owner of records (per-record results; the same body as the preview)',
        access: ANY_TRANSFER,
        body: sales.TransferRequest,
        response: sales.TransferResult,
        // Each record changes in its own transaction (commitTransfer), so one refusal undoes nothing else.
        ownTransactions: true,
        run: (_m, ctx, { body }) => commitTransfer(db, ctx, body, logger, documents),
      },
    },
  })
}
