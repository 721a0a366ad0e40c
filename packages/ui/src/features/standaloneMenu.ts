import type { RouteRecordRaw } from 'vue-router'
import type { Principal } from '@mosaic/permissions'
import { allows } from '@mosaic/permissions/vue'
import type { I18nText, RemoteModule } from '@mosaic/web-kit'

export interface StandaloneMenuItem {
  /** Route name; the item's test id is `menu-item-<name>`. */
  name: string
  path: string
  title?: I18nText
}

type Page = { path: string; route: RouteRecordRaw; section?: RouteRecordRaw }

const inMenu = (r: RouteRecordRaw | undefined) => r?.meta?.menu !== false && !r?.path.includes(':')

/**
 * A module's menu when it runs without the shell: one flat list, because sections (admin's
 * rules) list their pages in place. Detail pages (a path parameter, or `menu: false`) are
 * reached from lists, and a page needs its section's permission as well as its own.
 */
export function standaloneMenu(module: RemoteModule, principal: Principal | null): StandaloneMenuItem[] {
  const pages: Page[] = module.routes.flatMap((r): Page[] =>
    r.children
      ? r.children.map((c) => ({ path: `${r.path}/${c.path}`, route: c, section: r }))
      : [{ path: r.path, route: r }],
  )
  return pages
    .filter((p) => inMenu(p.route) && (!p.section || inMenu(p.section)))
    .filter(
      (p) => allows(principal, p.section?.meta?.permission) && allows(principal, p.route.meta?.permission),
    )
    .map((p) => ({
      path: `${module.basePath}/${p.path}`,
      name: String(p.route.name),
      title: p.route.meta?.title,
    }))
}
