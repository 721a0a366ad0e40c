import type { ModuleFederationRuntimePlugin } from '@module-federation/runtime'

/**
 * Federation runtime plugin (`runtimePlugins` in the host's vite.config). Without it a
 * dead remote rejects deep inside the runtime and, depending on where, blanks the page;
 * with it `loadRemote` resolves to a marker module the shell renders as "unavailable".
 * Kept free of other imports: it is bundled into the host's federation bootstrap.
 */
export const UNAVAILABLE_MARK = '__mosaicRemoteUnavailable'

export interface UnavailableRemoteModule {
  [UNAVAILABLE_MARK]: true
  id: string
  error: unknown
}

export function isUnavailableModule(value: unknown): value is UnavailableRemoteModule {
  return !!value && typeof value === 'object' && (value as Record<string, unknown>)[UNAVAILABLE_MARK] === true
}

export default function mosaicFallbackPlugin(): ModuleFederationRuntimePlugin {
  return {
    name: 'mosaic-remote-fallback',
    errorLoadRemote({ id, error, lifecycle }) {
      // During share negotiation "nothing" means: skip this remote's shares, carry on.
      if (lifecycle === 'beforeLoadShare') return undefined
      console.warn(`[mosaic] remote module "${id}" is unavailable`, error)
      const fallback: UnavailableRemoteModule = { [UNAVAILABLE_MARK]: true, id, error }
      return fallback
    },
  }
}
