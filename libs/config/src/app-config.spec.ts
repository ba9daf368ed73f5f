import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: JEJAK_TRUST_PROXY and JEJAK_REQUEST_TIMEOUT_MS', () => {
  const trust = (value?: string) =>
    loadConfig(value === undefined ? {} : { JEJAK_TRUST_PROXY: value }).trustProxy;

  it('trusts no proxy by default', () => {
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
  });

  it('takes true, a hop count, or a list of addresses and CIDR ranges', () => {
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.1, 192.168.0.0/16,::1')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => trust('proxy.example')).toThrow(ConfigError);
    expect(() => trust('proxy.example')).toThrow(/JEJAK_TRUST_PROXY/);
  });

  it('bounds the request timeout', () => {
    expect(loadConfig({}).requestTimeoutMs).toBe(60_000);
    expect(() => loadConfig({ JEJAK_REQUEST_TIMEOUT_MS: '10' })).toThrow(/JEJAK_REQUEST_TIMEOUT_MS/);
  });

  it('lets a kode serah count for ten minutes unless JEJAK_RELEASE_CODE_TTL_MINUTES says otherwise', () => {
    expect(loadConfig({}).releaseCodeTtlMinutes).toBe(10);
    expect(loadConfig({ JEJAK_RELEASE_CODE_TTL_MINUTES: '2' }).releaseCodeTtlMinutes).toBe(2);
    for (const bad of ['0', '1.5', 'soon']) {
      expect(() => loadConfig({ JEJAK_RELEASE_CODE_TTL_MINUTES: bad })).toThrow(
        /JEJAK_RELEASE_CODE_TTL_MINUTES/,
      );
    }
  });

  it('lets handover offers lapse after 24 hours unless JEJAK_HANDOVER_TTL_HOURS says otherwise', () => {
    expect(loadConfig({}).handoverTtlHours).toBe(24);
    expect(loadConfig({ JEJAK_HANDOVER_TTL_HOURS: '0.5' }).handoverTtlHours).toBe(0.5);
    for (const bad of ['0', '-1', 'sehari', '1e9']) {
      expect(() => loadConfig({ JEJAK_HANDOVER_TTL_HOURS: bad })).toThrow(/JEJAK_HANDOVER_TTL_HOURS/);
    }
  });
});
