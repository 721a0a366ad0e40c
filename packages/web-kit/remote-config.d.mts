import type { Plugin, UserConfig, ConfigEnv } from 'vite'
export declare function remoteIndexHtml(title: string): string
export declare function standaloneEntry(opts: { title: string; home: string; routes?: string }): Plugin
export declare function defineRemoteConfig(opts: {
  name: string
  port: number
  home: string
  title: string
}): (env: ConfigEnv) => UserConfig
/** `fakeApi`: every test's `api` is the fake `fakeHttp` of `@mosaic/web-kit/test-utils`. */
export declare function defineRemoteTestConfig(options?: {
  fakeApi?: boolean
}): UserConfig & { test: Record<string, unknown> }
export declare function serverOn(
  port: number,
  paths?: string[],
): { host: string; port: number; strictPort: true; proxy: Record<string, { target: string }> }
