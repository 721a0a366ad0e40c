// `@mosaic/ui/test-utils`: what component tests of the kit and of every remote share. Import it
// from test files only (a remote's shipped modules import shares only; see federation-shared).
// The helpers live in ./testing, one file per concern; this is the entry tests import.
export * from './testing/core'
export * from './testing/page-kit'
export * from './testing/remote-module'
