import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * precache.json: the files of the app shell, for the service worker to keep at install, and apart
 * the scanner's decoder (its chunk and .wasm), which the app asks the worker to keep once the screen
 * is idle (scan/warm-decoder.ts), so it never competes with the first load on a slow link.
 */
const precacheList = (): Plugin => ({
  name: 'jejak-precache-list',
  generateBundle(_options, bundle) {
    const assets = Object.keys(bundle).filter((name) => name.startsWith('assets/'));
    const decoder = (name: string) => /^assets\/(ponyfill|zxing_reader)-/.test(name);
    this.emitFile({
      type: 'asset',
      fileName: 'precache.json',
      source: JSON.stringify({
        shell: [
          '/',
          '/manifest.webmanifest',
          '/icon.svg',
          ...assets.filter((f) => !decoder(f)).map((f) => `/${f}`),
        ],
        decoder: assets.filter(decoder).map((f) => `/${f}`),
      }),
    });
  },
});

// Built into dist/web, which the service serves at / (apps/custody-api/src/web/web-app.static.ts).
// No inline script or style anywhere: the service's CSP is default-src 'self'.
export default defineConfig({
  root: here,
  base: '/',
  // public/sw.js is copied as is to dist/web/sw.js (served no-cache, like index.html).
  publicDir: 'public',
  plugins: [precacheList()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2020',
    sourcemap: false,
  },
});
