import type { RouteRecordRaw } from 'vue-router'
import { allows } from '@mosaic/permissions/vue'
import type { Principal } from '@mosaic/permissions'
import type { I18nText } from '@mosaic/web-kit'
import type { RemoteState } from './store'

export interface MenuItem {
  /** Route name; used for `menu-item-<name>` test ids. */
  name: string
  path: string
  title: I18nText
  icon?: string
  children?: MenuItem[]
}

export interface MenuGroup {
  remote: string
  title?: I18nText
  icon?: string
  basePath: string
  status: 'ok' | 'unavailable'
  items: MenuItem[]
}

export function joinPath(base: string, path: string): string {
  if (path.startsWith('/')) return path
  const b = base.replace(/\/+$/, '')
  return path ? `${b}/${path}` : b || '/'
}

/** Routes users can click: titled, not hidden, no path params, and permitted (with all ancestors). */
export function visibleItems(
  routes: readonly RouteRecordRaw[],
  base: string,
  principal: Principal | null,
): MenuItem[] {
  const items: MenuItem[] = []
  for (const r of routes) {
    const meta = r.meta ?? {}
    if (meta.menu === false || r.path.includes(':') || !meta.title) continue
    if (!allows(principal, meta.permission)) continue
    const path = joinPath(base, r.path)
    const children = r.children ? visibleItems(r.children, path, principal) : undefined
    // A section whose every page is forbidden is noise, not navigation.
    if (r.children?.length && !children?.length) continue
    items.push({ name: String(r.name ?? path), path, title: meta.title, icon: meta.icon, children })
  }
  return items
}

export function firstPath(items: readonly MenuItem[]): string | undefined {
  for (const item of items) {
    if (item.children?.length) {
      const p = firstPath(item.children)
      if (p) return p
    } else return item.path
  }
  return undefined
}

/**
 * One group per remote. Loaded remotes show only what the principal may open (and
 * vanish when that is nothing); unavailable ones always show, as a way to the
 * "unavailable" panel and its retry.
 */
export function buildMenu(remotes: readonly RemoteState[], principal: Principal | null): MenuGroup[] {
  const groups: MenuGroup[] = []
  for (const r of remotes) {
    const base = { remote: r.name, title: r.title, icon: r.icon, basePath: r.basePath }
    if (r.status === 'unavailable' || !r.module) {
      groups.push({ ...base, status: 'unavailable', items: [] })
      continue
    }
    const items = visibleItems(r.module.routes, r.basePath, principal)
    if (items.length) groups.push({ ...base, status: 'ok', items })
  }
  return groups
}
