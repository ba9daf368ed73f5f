import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/web, which the service serves at / (apps/custody-api/src/web/web-app.static.ts).
// No inline script or style anywhere: the service's CSP is default-src 'self'.
export default defineConfig({
  root: here,
  base: '/',
  // public/sw.js is copied as is to dist/web/sw.js (served no-cache, like index.html).
  publicDir: 'public',
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
