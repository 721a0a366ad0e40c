import type { Plugin } from 'vite'
export declare function moduleKey(id: string): string | null
export declare function chunkModulesPlugin(): Plugin
export declare function precompressPlugin(): Plugin
export declare function lazyHostShares(
  targets: Record<string, string>,
  opts: { importerUnder: string },
): Plugin
export declare function unseedShares(code: string, keys: string[]): { code: string; map: null } | null
export declare function mosaicBuildPlugins(): Plugin[]
