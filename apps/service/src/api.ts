import { ticketsRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'

/** The tickets service's staff calls the service screens make; no URL is written here. */
export const call = contractCaller(api)
export { routes }

export type Versioned = { id: string; version: number }
export const byId = (id: string) => ({ params: { id } })
export const versioned = (r: Versioned) => ({ params: { id: r.id }, ifMatch: r.version })
