/**
 * The Content-Security-Policy of every answer, the one place it is set (create-app registers it
 * through helmet). Same-origin only: the web app served at / loads its scripts, styles, images,
 * workers and WebAssembly (the QR decoder) from the service itself. Inline styles are allowed
 * (style attributes of the UI libraries and Swagger UI), inline scripts are not.
 * upgrade-insecure-requests is left out: on a plain-HTTP office network it would send the
 * browser to an HTTPS port that does not exist.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    workerSrc: ["'self'", 'blob:'],
  },
};

/**
 * Answers of the API carry tokens (POST /api/tokens shows one once), names and whereabouts: no
 * browser or proxy cache keeps them.
 */
export const API_CACHE_CONTROL = 'no-store';
