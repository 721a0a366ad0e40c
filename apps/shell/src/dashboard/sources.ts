import { canAny, type PermissionCode, type Principal } from '@mosaic/permissions'
import type { RemoteState } from '../remotes/store'

/** One service feeding the home page, and the remote that declared it (and names its figures). */
export interface DashboardFeed {
  service: string
  remote: string
}

/**
 * What the home page asks for: the services the loaded remotes declare (`RemoteModule.dashboard`)
 * that the user may see, each once; and the remotes that are down, whose cards show as unavailable.
 */
export function dashboardFeeds(remotes: readonly RemoteState[], principal: Principal | null) {
  const feeds: DashboardFeed[] = []
  for (const r of remotes) {
    if (r.status !== 'ok') continue
    for (const source of r.module?.dashboard ?? []) {
      if (feeds.some((f) => f.service === source.service)) continue
      if (!canAny(principal, (source.anyOf ?? []) as PermissionCode[])) continue
      feeds.push({ service: source.service, remote: r.name })
    }
  }
  const down = remotes.filter((r) => r.status === 'unavailable')
  return { feeds, down }
}
