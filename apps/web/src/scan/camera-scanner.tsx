import { useEffect, useRef, useState } from 'preact/hooks';
import { loadDecoder } from './decoder';
import { signal, VERDICT_WORDS, type Verdict } from './feedback';
import './scan.css';

export interface ScanAnswer {
  verdict: Verdict;
  /** What the person reads beside the colour: the item, and why when it is not accepted. */
  text: string;
}

/** Scans at 640×480, about six frames a second: enough for a label held still, light on a cheap phone. */
const FRAME_MS = 166;
/** A label left in front of the camera is one scan; shown again after this long, it is a new one. */
const SAME_CODE_MS = 1500;

/**
 * The phone's camera as a scanner: each new code goes to `onCode`, whose answer is shown at once as a
 * colour and words, with a sound and a vibration. Stops with its button, when the screen is left, or
 * when the tab is hidden.
 */
export function CameraScanner({
  onCode,
  onAnswer,
  autoStart = false,
}: {
  onCode: (text: string) => Promise<ScanAnswer> | ScanAnswer;
  /** Given, the answer is shown by the caller (one verdict for camera and typed codes together). */
  onAnswer?: (answer: ScanAnswer) => void;
  /** Starts at once (the person already pressed a button to scan one thing). */
  autoStart?: boolean;
}) {
  const [running, setRunning] = useState(autoStart);
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const handler = useRef(onCode);
  handler.current = onCode;
  const shown = useRef(onAnswer ?? setAnswer);
  shown.current = onAnswer ?? setAnswer;

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer = 0;
    const seen = new Map<string, number>();
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const stop = () => setRunning(false);
    const hidden = () => document.hidden && stop();
    document.addEventListener('visibilitychange', hidden);

    const tick = async (decoder: Awaited<ReturnType<typeof loadDecoder>>) => {
      if (stopped) return;
      const started = performance.now();
      const element = video.current;
      if (element && context && element.readyState >= 2) {
        context.drawImage(element, 0, 0, canvas.width, canvas.height);
        const codes = await decoder.detect(canvas).catch(() => [] as string[]);
        const now = performance.now();
        for (const code of codes) {
          const last = seen.get(code);
          seen.set(code, now);
          if (last !== undefined && now - last < SAME_CODE_MS) continue;
          const result = await handler.current(code);
          if (stopped) return;
          signal(result.verdict);
          shown.current(result);
        }
      }
      timer = window.setTimeout(
        () => void tick(decoder),
        Math.max(0, FRAME_MS - (performance.now() - started)),
      );
    };

    void (async () => {
      try {
        const [decoder, media] = await Promise.all([
          loadDecoder(),
          navigator.mediaDevices.getUserMedia({
            audio: false,
            video: { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } },
          }),
        ]);
        stream = media;
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        if (video.current) {
          video.current.srcObject = media;
          await video.current.play().catch(() => undefined);
        }
        void tick(decoder);
      } catch (error) {
        const name = (error as { name?: string }).name;
        setProblem(
          name === 'NotAllowedError'
            ? 'Izin kamera ditolak. Izinkan kamera untuk situs ini, atau ketik kodenya.'
            : name === 'NotFoundError'
              ? 'Tidak ada kamera di perangkat ini. Ketik kodenya.'
              : 'Pemindai tidak dapat dimulai. Muat ulang halaman, atau ketik kodenya.',
        );
        setRunning(false);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', hidden);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [running]);

  return (
    <div class="scanner">
      {running ? (
        <>
          <video ref={video} class="scanner-video" muted playsInline aria-label="Gambar kamera" />
          <button type="button" class="secondary" onClick={() => setRunning(false)}>
            Berhenti memindai
          </button>
        </>
      ) : (
        <button
          type="button"
          onClick={() => {
            setProblem(null);
            setRunning(true);
          }}
        >
          Pindai dengan kamera
        </button>
      )}
      {problem && (
        <p class="note note-warn" role="alert">
          {problem}
        </p>
      )}
      {!onAnswer && <ScanVerdict answer={answer} />}
    </div>
  );
}

/** The colour and words of the last scan: accepted, already scanned, not in this list, unknown code. */
export function ScanVerdict({ answer }: { answer: ScanAnswer | null }) {
  if (!answer) return null;
  return (
    <p
      class={`scan-verdict verdict-${answer.verdict}`}
      role="status"
      data-testid="scan-verdict"
      data-verdict={answer.verdict}
    >
      <strong>{VERDICT_WORDS[answer.verdict]}</strong> {answer.text}
    </p>
  );
}
