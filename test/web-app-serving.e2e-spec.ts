import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type SpawnedService } from './support/spawned-service';

const ADMIN = 'serving-admin-token-0123456789';
const ASSETS = join(__dirname, '..', 'dist', 'web', 'assets');

/** The built web app on the service's own port: what is cached how, and which paths stay the API's. */
describe('the web app served by the service', () => {
  let service: SpawnedService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-web-serving-'));
    service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN });
  }, 60_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.baseUrl}${path}`, { headers });

  it('answers / and every deep link (a label QR opens /i/<id>) with index.html, revalidated each time, without a token', async () => {
    for (const path of ['/', '/i/itm-123', '/cari?q=kas', '/depo/terima/trf-1']) {
      const response = await get(path);
      expect({ path, status: response.status, cache: response.headers.get('cache-control') }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<div id="app"></div>');
    }
  });

  it('serves the service worker (/sw.js) to be revalidated each time, so a new release replaces it', async () => {
    const response = await get('/sw.js');
    expect({ status: response.status, cache: response.headers.get('cache-control') }).toEqual({
      status: 200,
      cache: 'no-cache',
    });
    expect(response.headers.get('content-type')).toContain('javascript');
  });

  it('serves the scanner’s decoder itself (ZXing .wasm as application/wasm, listed for the service worker), never from a CDN', async () => {
    const list = (await (await get('/precache.json')).json()) as { shell: string[]; decoder: string[] };
    expect(list.shell).toContain('/');
    const wasm = list.decoder.find((path) => path.endsWith('.wasm'));
    expect(wasm).toMatch(/^\/assets\/zxing_reader-.+\.wasm$/);
    const response = await get(wasm!);
    expect(response.status).toBe(200);
    // instantiateStreaming needs the right type; the CSP allows compiling it, from 'self' only.
    expect(response.headers.get('content-type')).toBe('application/wasm');
    const csp = (await get('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    const chunk = list.decoder.find((path) => path.endsWith('.js'));
    const code = await (await get(chunk!)).text();
    expect(new Uint8Array(await response.arrayBuffer()).subarray(0, 4)).toEqual(
      new Uint8Array([0, 97, 115, 109]),
    );
    expect(code.length).toBeGreaterThan(1000);
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(await manifest.json()).toMatchObject({ lang: 'id', display: 'standalone', start_url: '/' });
  });

  it('caches the hashed assets for a year as immutable, and has no inline script or style in index.html', async () => {
    const html = await (await get('/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    const assets = readdirSync(ASSETS);
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    for (const name of assets) {
      const response = await get(`/assets/${name}`);
      expect({ name, status: response.status, cache: response.headers.get('cache-control') }).toEqual({
        name,
        status: 200,
        cache: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('leaves the API, docs, health and metrics paths alone: an unknown one is still problem+json 404', async () => {
    for (const path of [
      '/api/nothing-here',
      '/api/items/x/nothing',
      '/health/nothing',
      '/metrics/x',
      '/missing.js',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/api/items')).status).toBe(401);
  });

  it('tells a token who it is (GET /api/tokens/self, any role), and refuses without one', async () => {
    const created = await fetch(`${service.baseUrl}/api/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Kurir Budi', role: 'courier', principalId: 'KURIR-77' }),
    }).then((r) => r.json() as Promise<{ id: string; token: string }>);
    const self = await get('/api/tokens/self', { Authorization: `Bearer ${created.token}` });
    expect(self.status).toBe(200);
    expect(await self.json()).toEqual({
      id: created.id,
      principalId: 'KURIR-77',
      role: 'courier',
      unitId: null,
      name: 'Kurir Budi',
    });
    const anonymous = await get('/api/tokens/self');
    expect(anonymous.status).toBe(401);
  });
});
