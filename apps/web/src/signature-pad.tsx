import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A signature drawn with a finger or a pen on the courier's phone (domain.md "Two-party custody":
 * the weakest acknowledgement, for receivers without an account). Pointer events cover touch,
 * pen and mouse alike; `onSigned` gets the drawing as a PNG data URL, or null once cleared.
 */
export function SignaturePad({
  id,
  label,
  onSigned,
}: {
  id: string;
  label: string;
  onSigned: (dataUrl: string | null) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Drawn at the screen's own resolution, so the stroke is sharp on a phone.
    const ratio = window.devicePixelRatio || 1;
    element.width = element.clientWidth * ratio;
    element.height = element.clientHeight * ratio;
    const pen = element.getContext('2d');
    if (!pen) return;
    pen.scale(ratio, ratio);
    pen.lineWidth = 2.5;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = '#111';
  }, []);

  const at = (event: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top] as const;
  };
  const start = (event: PointerEvent) => {
    event.preventDefault();
    canvas.current!.setPointerCapture(event.pointerId);
    drawing.current = true;
    const pen = canvas.current!.getContext('2d')!;
    const [x, y] = at(event);
    pen.beginPath();
    pen.moveTo(x, y);
    pen.lineTo(x + 0.1, y + 0.1);
    pen.stroke();
  };
  const move = (event: PointerEvent) => {
    if (!drawing.current) return;
    event.preventDefault();
    const pen = canvas.current!.getContext('2d')!;
    const [x, y] = at(event);
    pen.lineTo(x, y);
    pen.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setSigned(true);
    onSigned(canvas.current!.toDataURL('image/png'));
  };
  const clear = () => {
    const element = canvas.current!;
    element.getContext('2d')!.clearRect(0, 0, element.width, element.height);
    setSigned(false);
    onSigned(null);
  };

  return (
    <div class="field signature-pad">
      <label id={`${id}-label`}>{label}</label>
      <canvas
        ref={canvas}
        id={id}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        data-signed={signed ? 'yes' : 'no'}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onPointerLeave={end}
      />
      <small id={`${id}-hint`} class="hint">
        {signed ? 'Tanda tangan tercatat.' : 'Tanda tangan di kotak ini dengan jari.'}
      </small>
      <button type="button" class="secondary" onClick={clear}>
        Hapus tanda tangan
      </button>
    </div>
  );
}
