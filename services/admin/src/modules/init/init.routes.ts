import { timingSafeEqual } from 'node:crypto'
import { admin } from '@mosaic/schemas'
import { can } from '@mosaic/permissions'
import { SYSTEM_ACTOR, problem, recordContext, type ApiRouter, type Database } from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import { initialise } from './init.service.js'

/**
 * Data initialisation: an administrator with admin.init.run, or — before anyone can sign in — a
 * caller holding the installation's init token (written next to the embedded database).
 */
export function registerInitRoutes(
  api: ApiRouter,
  db: Database,
  config: AdminConfig,
  initToken: string | undefined,
) {
  api.route({
    method: 'post',
    path: '/init',
    summary: 'Load default roles, dictionaries, root department and first admin (idempotent)',
    tags: ['init'],
    access: 'public',
    response: admin.InitResult,
    status: 200,
    handler: ({ principal, req, requestId }) => {
      if (principal) {
        if (!can(principal, 'admin.init.run')) throw problem(403, 'http.forbidden')
        return initialise(db, config, recordContext(principal, requestId))
      }
      const presented = req.headers['x-init-token']
      if (typeof presented !== 'string' || !initToken || !sameSecret(presented, initToken))
        throw problem(401, 'http.unauthorized')
      return initialise(db, config, { actor: SYSTEM_ACTOR, requestId })
    },
  })
}

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
