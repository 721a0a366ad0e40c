/**
 * The services this code base knows, each reachable at `<NAME>_SERVICE_URL` (BaseConfig has one key per
 * name). Which of them an installation runs, and their URLs, come from topology.json through the runner
 * and docker-compose.yml; a name added there must be here too (tools/runner's peers test checks it).
 */
export const SERVICE_NAMES = ['admin', 'sales', 'orders', 'tickets', 'finance'] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]
export type PeerUrlKey = `${Uppercase<ServiceName>}_SERVICE_URL`

export function peerUrlKey(name: ServiceName): PeerUrlKey {
  return `${name.toUpperCase() as Uppercase<ServiceName>}_SERVICE_URL`
}

/** name → base URL of every other service whose URL is configured. */
export function peersFromConfig(
  config: { SERVICE_NAME: string } & Partial<Record<PeerUrlKey, string>>,
): Record<string, string> {
  const peers: Record<string, string> = {}
  for (const name of SERVICE_NAMES) {
    const url = config[peerUrlKey(name)]
    if (name !== config.SERVICE_NAME && typeof url === 'string') peers[name] = url.replace(/\/+$/, '')
  }
  return peers
}
