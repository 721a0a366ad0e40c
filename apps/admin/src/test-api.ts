import { fakeApi } from '@mosaic/web-kit/test-utils'

/**
 * The fake transport behind `api` in every test of this app (test-setup.ts puts it in place).
 * Its own module, free of `@mosaic/web-kit` imports, so the mock factory can load it.
 */
export const http = fakeApi()
