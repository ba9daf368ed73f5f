import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** Reads the QR codes in one frame; `kind` says which decoder answered (shown in tests and the bench). */
export interface Decoder {
  kind: 'native' | 'zxing';
  detect(frame: HTMLCanvasElement): Promise<string[]>;
}

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

let loading: Promise<Decoder> | null = null;

/**
 * The browser's own BarcodeDetector only where it says it reads QR codes (desktop Linux has none, some
 * Android in-app browsers have one that reads nothing); otherwise ZXing-C++ as WebAssembly through the
 * `barcode-detector` ponyfill. Its .wasm comes from this service (the file Vite emitted into /assets,
 * precached by the service worker), never from the CDN the package would ask by default: the CSP
 * forbids that, and a courier between desa has no CDN.
 */
export function loadDecoder(): Promise<Decoder> {
  loading ??= (async (): Promise<Decoder> => {
    const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
    const formats = Native ? await Native.getSupportedFormats().catch(() => [] as string[]) : [];
    if (Native && formats.includes('qr_code')) {
      const native = new Native({ formats: ['qr_code'] });
      return { kind: 'native', detect: async (frame) => (await native.detect(frame)).map((b) => b.rawValue) };
    }
    const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
    await prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
      },
      fireImmediately: true,
    });
    const zxing = new BarcodeDetector({ formats: ['qr_code'] });
    return { kind: 'zxing', detect: async (frame) => (await zxing.detect(frame)).map((b) => b.rawValue) };
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
