import { atLeast, detectServerFeatures, versionWarnings } from './kurrentdb-server-features';

describe('KurrentDB server features', () => {
  it('reads the version and AppendSession support the client discovered (ServerFeatures)', async () => {
    const client = {
      capabilities: Promise.resolve({
        serverVersion: '25.1.2',
        supports: (method: { path: string }) =>
          method.path === '/kurrentdb.protocol.v2.streams.StreamsService/AppendSession',
      }),
    };
    expect(await detectServerFeatures(client)).toEqual({ version: '25.1.2', multiStreamAppend: true });
  });

  it('assumes nothing where the server said nothing ("unknown") or the client lacks the getter', async () => {
    const unknown = { capabilities: Promise.resolve({ serverVersion: 'unknown', supports: () => false }) };
    expect(await detectServerFeatures(unknown)).toEqual({ version: null, multiStreamAppend: false });
    expect(await detectServerFeatures({})).toEqual({ version: null, multiStreamAppend: false });
  });

  it('compares versions by major and minor', () => {
    expect(atLeast('24.2.0', 24, 2)).toBe(true);
    expect(atLeast('23.10.1', 24, 2)).toBe(false);
    expect(atLeast('25.0.0', 24, 2)).toBe(true);
    expect(atLeast(null, 20, 0)).toBe(false);
  });

  it('warns about servers below the README minimum and not about current ones', () => {
    expect(versionWarnings('25.1.0')).toEqual([]);
    expect(versionWarnings('23.10.0')).toEqual([expect.stringMatching(/drops slow live subscriptions/)]);
    expect(versionWarnings('22.10.3')).toHaveLength(2);
    expect(versionWarnings(null)).toEqual([expect.stringMatching(/did not report its version/)]);
  });
});
