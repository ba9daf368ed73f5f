/**
 * Asks the service worker to keep the decoder (its script and .wasm, about 0.4 MB gzipped) once the
 * screen is idle, so it is there before the courier loses signal. Not at install nor at first paint:
 * on slow 4G it would compete with the bag's own requests (the 3 s first-load budget). Resolves true
 * once it is kept.
 */
export function warmDecoderSoon(delayMs = 3000): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(false);
  return new Promise((resolve) => {
    setTimeout(() => {
      void navigator.serviceWorker.ready.then((registration) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(Boolean((event.data as { ok?: boolean }).ok));
        registration.active?.postMessage({ type: 'precache-decoder' }, [channel.port2]);
      });
    }, delayMs);
  });
}
