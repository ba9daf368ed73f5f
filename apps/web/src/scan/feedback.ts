/**
 * The four answers a scan gets at once (web-app.md "Scanning and labels"), and a fifth when the
 * server itself refused the step (the item is in another state than the step needs).
 */
export type Verdict = 'accepted' | 'duplicate' | 'not-in-manifest' | 'unknown' | 'refused';

export const VERDICT_WORDS: Record<Verdict, string> = {
  accepted: 'Diterima',
  duplicate: 'Sudah dipindai',
  'not-in-manifest': 'Tidak ada di daftar ini',
  unknown: 'Kode tidak dikenal',
  refused: 'Ditolak',
};

// One high beep for yes, a low double beep for anything the person must look at.
const TONES: Record<Verdict, { hz: number; beeps: number; vibrate: number[] }> = {
  accepted: { hz: 1320, beeps: 1, vibrate: [60] },
  duplicate: { hz: 660, beeps: 2, vibrate: [60, 60, 60] },
  'not-in-manifest': { hz: 440, beeps: 2, vibrate: [200, 80, 200] },
  unknown: { hz: 330, beeps: 2, vibrate: [200, 80, 200] },
  refused: { hz: 330, beeps: 3, vibrate: [200, 80, 200, 80, 200] },
};

let audio: AudioContext | null = null;

/** Sound and vibration; silent where the device has neither (or has not been touched yet). */
export function signal(verdict: Verdict): void {
  const tone = TONES[verdict];
  navigator.vibrate?.(tone.vibrate);
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (let i = 0; i < tone.beeps; i++) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      gain.gain.value = 0.15;
      osc.frequency.value = tone.hz;
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.16);
      osc.stop(start + i * 0.16 + 0.1);
    }
  } catch {
    // No audio output: the colour and the words still answer.
  }
}
