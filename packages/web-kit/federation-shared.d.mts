export declare const MOSAIC_SHARED_PACKAGES: readonly string[]
export declare function mosaicShared(): Record<string, { singleton: true; requiredVersion: string }>
