/**
 * The configuration schema: each bad value is refused with one line naming the variable, good
 * values (TRUST_PROXY as hops or true/false, PUBLIC_URL with a path) are read as meant, and the
 * logged configuration carries no secret.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, configFromEnv, effectiveConfig } from '../../server/config.ts'

function refusal(env: Record<string, string>): string {
  try {
    configFromEnv(env, '/srv')
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('configuration schema', () => {
  it.each([
    [{ PORT: '0' }, /^PORT must be a TCP port .*got "0"$/],
    [{ PORT: '70000' }, /^PORT must be a TCP port/],
    [{ PORT: 'drei' }, /^PORT must be a TCP port/],
    [{ MAX_FRAME_BYTES: '0' }, /^MAX_FRAME_BYTES must be the largest WebSocket frame .*got "0"$/],
    [
      { LOG_LEVEL: 'verbose' },
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"$/,
    ],
    [
      { TRUST_PROXY: 'yes' },
      /^TRUST_PROXY must be the number of your own proxies \(0-10\) or true\/false, got "yes"$/,
    ],
    [{ TRUST_PROXY: '-1' }, /^TRUST_PROXY must be/],
    [{ TRUST_PROXY: '1.5' }, /^TRUST_PROXY must be/],
    [{ COMMIT_THREAD: 'maybe' }, /^COMMIT_THREAD must be on or off/],
    [{ DB_SYNCHRONOUS: 'OFF' }, /^DB_SYNCHRONOUS must be one of FULL, NORMAL/],
    [{ ADMISSION_PER_SECOND: '0' }, /^ADMISSION_PER_SECOND must be/],
    [{ PUBLIC_URL: 'www.stadt.de' }, /^PUBLIC_URL must be an http or https URL/],
    [{ PUBLIC_URL: 'ftp://stadt.de/' }, /^PUBLIC_URL must be an http or https URL/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be at least 16 characters long, got "short"$/],
    [{ DATABASE_URL: 'mysql://db/rw' }, /^DATABASE_URL must be a PostgreSQL URL .*got "mysql:\/\/db\/rw"$/],
    [{ DATABASE_URL: '/var/lib/rw.sqlite' }, /^DATABASE_URL must be a PostgreSQL URL/],
    [{ DATABASE_SCHEMA: 'Rats-Werkstatt' }, /^DATABASE_SCHEMA must be lower-case letters/],
  ])('refuses %j with one line naming the variable', (env, line) => {
    const message = refusal(env)
    expect(message).toMatch(line)
    expect(message).not.toContain('\n')
  })

  it('reads defaults, hop counts, true/false and a PUBLIC_URL with a path', () => {
    const defaults = configFromEnv({}, '/srv/ratswerkstatt')
    expect(defaults).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/ratswerkstatt/data',
      clientDir: '/srv/ratswerkstatt/dist/client',
      trustProxy: 0,
      logLevel: 'info',
      basePath: '',
      publicUrl: null,
      shutdownGraceMs: 10_000,
      metricsToken: null,
    })
    expect(configFromEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(configFromEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(0)
    expect(configFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    const under = configFromEnv({ PUBLIC_URL: 'https://www.stadt.de/ratswerkstatt/' })
    expect(under.publicUrl).toBe('https://www.stadt.de')
    expect(under.basePath).toBe('/ratswerkstatt')
    expect(configFromEnv({ PUBLIC_URL: 'https://werkstatt.example.de' }).basePath).toBe('')
  })

  it('reads DATABASE_URL (postgres:// or postgresql://) and never shows its password', () => {
    expect(configFromEnv({}).databaseUrl).toBeNull()
    expect(configFromEnv({}).databaseSchema).toBe('public')
    const pg = configFromEnv({
      DATABASE_URL: 'postgresql://rw:geheimes-passwort@db:5432/rw',
      DATABASE_SCHEMA: 'werkstatt',
    })
    expect(pg.databaseUrl).toBe('postgresql://rw:geheimes-passwort@db:5432/rw')
    expect(pg.databaseSchema).toBe('werkstatt')
    expect(configFromEnv({ DATABASE_URL: 'postgres://db/rw' }).databaseUrl).toBe('postgres://db/rw')
    expect(JSON.stringify(effectiveConfig(pg))).not.toContain('geheimes-passwort')
    expect(refusal({ DATABASE_URL: 'mysql://rw:geheimes-passwort@db/rw' })).not.toContain('geheimes-passwort')
  })

  it('logs the effective configuration without the metrics token', () => {
    const config = configFromEnv({ METRICS_TOKEN: 'ein-geheimes-token-123' })
    const shown = JSON.stringify(effectiveConfig(config))
    expect(shown).not.toContain('ein-geheimes-token-123')
    expect(shown).toContain('"metricsToken":"[set]"')
    expect(shown).toContain('"port":3000')
  })
})
