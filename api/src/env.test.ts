import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the defaults', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      COUNTERWEIGHT_DATA_DIR: './data',
      COUNTERWEIGHT_CORS_ORIGINS: [],
      COUNTERWEIGHT_LOG_ORIGIN: 'counterweight.local/log',
      LOG_LEVEL: 'info',
    });
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('sends to the Transparency Database only with both its URL and token', () => {
    expect(parseEnv({}).COUNTERWEIGHT_TDB_URL).toBeUndefined();
    expect(
      parseEnv({ COUNTERWEIGHT_TDB_URL: 'https://tdb.example', COUNTERWEIGHT_TDB_TOKEN: 't' }),
    ).toMatchObject({ COUNTERWEIGHT_TDB_RATE_LIMIT: 4000 });
    expect(() => parseEnv({ COUNTERWEIGHT_TDB_URL: 'https://tdb.example' })).toThrow(
      /COUNTERWEIGHT_TDB_TOKEN/,
    );
    expect(() => parseEnv({ COUNTERWEIGHT_ORDER_ALERT_URL: 'not a url' })).toThrow(
      /COUNTERWEIGHT_ORDER_ALERT_URL/,
    );
  });

  it('delivers content providers’ notices only to an http(s) endpoint', () => {
    expect(parseEnv({}).COUNTERWEIGHT_PROVIDER_NOTICE_URL).toBeUndefined();
    expect(
      parseEnv({ COUNTERWEIGHT_PROVIDER_NOTICE_URL: 'https://platform.example/notices' })
        .COUNTERWEIGHT_PROVIDER_NOTICE_URL,
    ).toBe('https://platform.example/notices');
    expect(() => parseEnv({ COUNTERWEIGHT_PROVIDER_NOTICE_URL: 'ftp://platform.example' })).toThrow(
      /COUNTERWEIGHT_PROVIDER_NOTICE_URL/,
    );
  });

  it('reads every variable', () => {
    const env = parseEnv({
      PORT: '41001',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/cw',
      COUNTERWEIGHT_CORS_ORIGINS: 'https://a.example, https://b.example',
      COUNTERWEIGHT_PSEUDONYM_KEY: 'ab'.repeat(32),
      LOG_LEVEL: 'warn',
    });
    expect(env.PORT).toBe(41001);
    expect(env.DATABASE_URL).toBe('postgres://u:p@127.0.0.1:5432/cw');
    expect(env.COUNTERWEIGHT_CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.LOG_LEVEL).toBe('warn');
  });

  it('fails fast naming every invalid variable', () => {
    const attempt = () =>
      parseEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        COUNTERWEIGHT_PSEUDONYM_KEY: 'short',
        COUNTERWEIGHT_CORS_ORIGINS: 'not a url',
      });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of [
        'PORT',
        'DATABASE_URL',
        'COUNTERWEIGHT_PSEUDONYM_KEY',
        'COUNTERWEIGHT_CORS_ORIGINS',
      ])
        expect(message).toContain(name);
    }
  });
});
