import type { Browser } from 'playwright-core'

export type Stage = 'login' | 'home' | 'sales'
export interface ScriptRecord {
  stage: Stage
  url: string
  path: string
  status: number
  encoding: string | null
  vary: string | null
  raw: number
  gz: number
  transferred: number
}
export interface Totals {
  count: number
  raw: number
  gz: number
  transferred: number
}
export interface JourneyOptions {
  baseUrl: string
  username?: string
  password?: string
  browser?: Browser
  repoRoot?: string
}
export interface Measurement {
  scripts: ScriptRecord[]
  errors: string[]
  totals: Record<Stage, Totals & { cumulative: Totals }>
  libraries: Record<string, { downloads: number; duplicatedModules: number }>
  /** False when an app was built without its chunk map (library counts are then incomplete). */
  mapped: boolean
  remoteEntries: Record<string, { raw: number; gz: number }>
  /** Per shared library, how many of its modules the login page downloads. */
  loginModules: Record<string, number>
  over: string[]
}

export const CHROMIUM_PATH: string
export const CHROMIUM_FLAGS: string[]
export const STAGES: Stage[]
export const BUDGETS: {
  loginGzBytes: number
  remoteEntryGzBytes: number
  downloadsPerLibrary: number
  lighthouseDesktop: number
  lighthouseMobile: number
}
export const LIBRARIES: Record<string, RegExp>
export function runJourney(opts: JourneyOptions): Promise<{ scripts: ScriptRecord[]; errors: string[] }>
export function measure(opts: JourneyOptions): Promise<Measurement>
export function kb(n: number): string
