export declare const MOSAIC_SHARED_PACKAGES: readonly string[]
export declare function mosaicShared(opts?: {
  role?: 'host' | 'remote'
  command?: 'build' | 'serve'
}): Record<string, { singleton: true; requiredVersion: string; import?: string | false }>
export declare function workspaceConditions(opts?: {
  role?: 'host' | 'remote'
  command?: 'build' | 'serve'
}): string[]
