import { useState } from 'preact/hooks';
import { query } from '../api';
import { DownloadButton } from '../download-button';
import { Field, Select } from '../ui';

const PRESETS: [string, string][] = [
  ['3x8', '3 × 8 (70 × 37 mm)'],
  ['3x7', '3 × 7'],
  ['2x7', '2 × 7'],
  ['2x4', '2 × 4'],
];

/** Cetak label: A4 sticker sheets of the chosen items, on a partly used sheet from label N onwards. */
export function LabelsForm({ itemIds }: { itemIds: string[] }) {
  const [preset, setPreset] = useState('3x8');
  const [startAt, setStartAt] = useState('1');
  const path = `/api/labels.pdf${query({ itemIds: itemIds.join(','), preset, startAt: startAt.trim() })}`;
  return (
    <div class="card" role="group" aria-labelledby="labels-title">
      <h2 id="labels-title">Cetak label</h2>
      <p class="hint">{itemIds.length} arsip dipilih. Tiap label memuat kode QR, kode arsip dan uraiannya.</p>
      <Select id="labelPreset" label="Lembar label" value={preset} onValue={setPreset} options={PRESETS} />
      <Field
        id="labelStartAt"
        label="Mulai dari label ke-"
        hint="Untuk lembar yang sudah terpakai sebagian: 1 = kiri atas."
        type="number"
        min="1"
        inputMode="numeric"
        value={startAt}
        onValue={setStartAt}
      />
      <DownloadButton path={path} filename="label-arsip.pdf">
        Cetak {itemIds.length} label (PDF)
      </DownloadButton>
    </div>
  );
}
