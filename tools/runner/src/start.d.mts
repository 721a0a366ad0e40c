// Types for TypeScript consumers (e2e) of the plain-JS runner.
import type { Server } from 'node:http'
import type { ChildProcess } from 'node:child_process'

export type AppRow = { name: string; dir: string; port: number }
/** A service row of topology.json; `composeEnv` and `files` only shape docker-compose.yml. */
export type ServiceRow = AppRow & {
  database: string
  composeEnv?: Record<string, string | null>
  files?: boolean
}
export type Topology = { gateway: { port: number }; shell: AppRow; remotes: AppRow[]; services: AppRow[] }
export type Route = { name: string; prefix: string; target: string; kind: 'api' | 'remote' | 'app' }
export type ServerHandle = { server: Server; port: number; url: string; close(): Promise<void> }
export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null; error?: Error }
export type ServiceHandle = {
  name: string
  child: ChildProcess
  exited: Promise<ExitInfo>
  readonly exitInfo: ExitInfo | null
  output(): string
  stop(timeoutMs?: number): Promise<ExitInfo>
  kill(): void
}

export type StartOptions = {
  /** Gateway port; default env PORT, else basePort, else 8080. */
  port?: number
  /** Derive all ports from this base: gateway base, shell +1, remotes +10.., services +20... */
  basePort?: number
  /** Pick a free basePort (for e2e next to a developer's running instance). */
  freePorts?: boolean
  /** Run `pnpm exec turbo run build` first (default true). */
  build?: boolean
  /** Merged over process.env: MOSAIC_MODE, DATA_ROOT, REMOTES_JSON, <SERVICE>_DATABASE_URL... */
  env?: Record<string, string | undefined>
  /** Where `<service>/` data dirs live; default env DATA_ROOT, else <repo>/.data. */
  dataRoot?: string
  repoRoot?: string
  host?: string
  log?: (line: string) => void
  readyTimeoutMs?: number
  stopTimeoutMs?: number
  signal?: AbortSignal
  tables?: { shell?: AppRow; remotes?: AppRow[]; services?: AppRow[] }
}

export type RunningSystem = {
  url: string
  topology: Topology
  dataRoot: string
  services: Record<string, ServiceHandle>
  servers: { gateway: ServerHandle; shell: ServerHandle; remotes: Record<string, ServerHandle> }
  /** Resolves with the exit code once everything stopped (non-zero after a crash). */
  done: Promise<number>
  stop(exitCode?: number): Promise<number>
  stopRemote(name: string): Promise<void>
  startRemote(name: string): Promise<void>
  stopService(name: string): Promise<ExitInfo>
  startService(name: string): Promise<void>
}

export const REPO_ROOT: string
export function startSystem(opts?: StartOptions): Promise<RunningSystem>
export function serviceEnv(
  service: AppRow,
  ctx: {
    topology: Topology
    baseEnv: Record<string, string | undefined>
    dataRoot: string
    mode: string
    serviceSecret?: string
  },
): Record<string, string | undefined>
export function ensureServiceSecret(dataRoot: string): string
export function createGateway(opts: {
  port?: number
  host?: string
  routes: Route[]
  remotesJson?: object
  remotesJsonFile?: string
}): Promise<ServerHandle>
export function isInternalApiPath(path: string): boolean
export function createStaticServer(opts: {
  root: string
  port?: number
  host?: string
  prefix?: string
  spa?: boolean
  cors?: boolean
}): Promise<ServerHandle>
export function resolveTopology(opts?: {
  port?: number
  basePort?: number
  shell?: AppRow
  remotes?: AppRow[]
  services?: AppRow[]
}): Topology
export function gatewayRoutes(topology: Topology): Route[]
export function remotesManifest(topology: Topology): { remotes: Array<{ name: string; entry: string }> }
export function findFreeBasePort(opts?: { min?: number; max?: number; attempts?: number }): Promise<number>
export const SHELL: AppRow
export const REMOTES: AppRow[]
export const SERVICES: ServiceRow[]
