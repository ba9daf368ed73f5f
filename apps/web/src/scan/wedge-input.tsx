import { useRef, useState } from 'preact/hooks';
import { ScanVerdict, type ScanAnswer } from './camera-scanner';
import { signal } from './feedback';

/**
 * A field for a USB or Bluetooth scanner, which types the code and Enter (or Tab): each code goes
 * to `onCode`, the field clears and keeps the focus for the next one, a loop with no click between.
 * Codes that arrive while one is being answered wait their turn, in order.
 */
export function WedgeInput({
  id,
  label,
  onCode,
  onAnswer,
}: {
  id: string;
  label: string;
  onCode: (text: string) => Promise<ScanAnswer> | ScanAnswer;
  /** Given, the answer is shown by the caller (one verdict for camera and typed codes together). */
  onAnswer?: (answer: ScanAnswer) => void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const take = () => {
    const element = field.current;
    if (!element) return;
    // The scanner types faster than a render: read the field itself, then clear it at once.
    const code = element.value.trim();
    element.value = '';
    element.focus();
    if (!code) return;
    queue.current = queue.current.then(async () => {
      const result = await onCode(code);
      signal(result.verdict);
      (onAnswer ?? setAnswer)(result);
    });
  };

  return (
    <div class="wedge">
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          ref={field}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          enterKeyHint="go"
          onKeyDown={(event) => {
            if (event.key === 'Enter' || (event.key === 'Tab' && field.current?.value)) {
              event.preventDefault();
              take();
            }
          }}
        />
      </div>
      {!onAnswer && <ScanVerdict answer={answer} />}
    </div>
  );
}
