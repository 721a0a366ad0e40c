import type { BaseConfig } from '../config.js'

/** The services of one installation, each reachable at `<NAME>_SERVICE_URL`. */
export const SERVICE_NAMES = ['admin', 'sales', 'orders', 'tickets', 'finance'] as const

/** name → base URL of every other service whose URL is configured. */
export function peersFromConfig(config: BaseConfig): Record<string, string> {
  const peers: Record<string, string> = {}
  for (const name of SERVICE_NAMES) {
    const url = config[`${name.toUpperCase()}_SERVICE_URL` as keyof BaseConfig]
    if (name !== config.SERVICE_NAME && typeof url === 'string') peers[name] = url.replace(/\/+$/, '')
  }
  return peers
}
