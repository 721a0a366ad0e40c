import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BaseConfig, ConfigError, loadConfig } from './config.js'

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    return error as ConfigError
  }
  throw new Error('expected loadConfig to throw')
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig(BaseConfig, { SERVICE_NAME: 'demo' })
    expect(config).toEqual({
      SERVICE_NAME: 'demo',
      PORT: 3000,
      HOST: '0.0.0.0',
      MOSAIC_MODE: 'demo',
      LOG_LEVEL: 'info',
      JWT_ISSUER: 'mosaic-admin',
      JWT_AUDIENCE: 'mosaic',
      BODY_LIMIT: '1mb',
      MAX_HEADER_BYTES: 16384,
      TRUSTED_PROXY: 'loopback',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      BUSINESS_TIME_ZONE: 'Asia/Shanghai',
      EVENT_POLL_MS: 500,
      ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024,
    })
    expect(config.DATABASE_URL).toBeUndefined()
  })

  it('coerces numbers and keeps given values', () => {
    const config = loadConfig(BaseConfig, {
      SERVICE_NAME: 'demo',
      PORT: '8080',
      SHUTDOWN_TIMEOUT_MS: '500',
      DATABASE_URL: 'postgres://u@db:5432/x',
      MOSAIC_MODE: 'production',
    })
    expect(config.PORT).toBe(8080)
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(500)
    expect(config.DATABASE_URL).toBe('postgres://u@db:5432/x')
    expect(config.MOSAIC_MODE).toBe('production')
  })

  it('ignores unrelated environment variables', () => {
    const config = loadConfig(BaseConfig, { SERVICE_NAME: 'demo', PATH: '/usr/bin', HOME: '/root' })
    expect(config).not.toHaveProperty('PATH')
  })

  it('throws a ConfigError naming every invalid variable at once', () => {
    const error = errorOf(() =>
      loadConfig(BaseConfig, {
        SERVICE_NAME: 'demo',
        PORT: 'abc',
        DATABASE_URL: 'not-a-url',
        MOSAIC_MODE: 'staging',
      }),
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/^Invalid configuration:/)
    expect(error.message).toMatch(/^ {2}PORT: /m)
    expect(error.message).toMatch(/^ {2}DATABASE_URL: /m)
    expect(error.message).toMatch(/^ {2}MOSAIC_MODE: /m)
    expect(error.message).not.toMatch(/SERVICE_NAME/)
  })

  it('reports a missing required variable and out-of-range numbers', () => {
    const error = errorOf(() => loadConfig(BaseConfig, { PORT: '70000', SHUTDOWN_TIMEOUT_MS: '0' }))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/^ {2}SERVICE_NAME: /m)
    expect(error.message).toMatch(/^ {2}PORT: /m)
    expect(error.message).toMatch(/^ {2}SHUTDOWN_TIMEOUT_MS: /m)
  })

  it('works for a service schema that extends the base', () => {
    const Schema = BaseConfig.extend({ ADMIN_EMAIL: z.email() })
    expect(loadConfig(Schema, { SERVICE_NAME: 'x', ADMIN_EMAIL: 'a@b.co' }).ADMIN_EMAIL).toBe('a@b.co')
    const error = errorOf(() => loadConfig(Schema, { SERVICE_NAME: 'x', ADMIN_EMAIL: 'nope', PORT: 'x' }))
    expect(error.message).toMatch(/^ {2}ADMIN_EMAIL: /m)
    expect(error.message).toMatch(/^ {2}PORT: /m)
  })
})
