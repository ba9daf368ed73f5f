import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * precache.json: every file of the build, for the service worker to keep at install (the shell and
 * the scanner's decoder, its .wasm included), so a courier who opened the app once can scan offline.
 */
const precacheList = (): Plugin => ({
  name: 'jejak-precache-list',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle).filter((name) => name.startsWith('assets/'));
    this.emitFile({
      type: 'asset',
      fileName: 'precache.json',
      source: JSON.stringify(['/', '/manifest.webmanifest', '/icon.svg', ...files.map((f) => `/${f}`)]),
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
