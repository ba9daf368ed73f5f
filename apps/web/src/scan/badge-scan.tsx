import { useRef, useState } from 'preact/hooks';
import { ApiError, enc, get } from '../api';
import type { Me } from '../session';
import { CameraScanner, ScanVerdict, type ScanAnswer } from './camera-scanner';
import { parseScan } from './scan-code';

interface Person {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/**
 * "Pindai kartu rekan": the camera reads a colleague's badge (kartu petugas, `<base>/orang/<id>`) and
 * fills the colleague, once the people directory confirms an active courier other than me. Without
 * signal the id is taken unchecked, and said so: the server checks it when the offer is sent.
 */
export function BadgeScan({ me, onPerson }: { me: Me; onPerson: (id: string, name: string) => void }) {
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  // The colleague found by the last scan: taken once its answer is shown (the camera then stops).
  const found = useRef<{ id: string; name: string } | null>(null);
  const take = (id: string, name: string, result: ScanAnswer): ScanAnswer => {
    found.current = { id, name };
    return result;
  };
  const shown = (result: ScanAnswer) => {
    setAnswer(result);
    const person = found.current;
    found.current = null;
    if (result.verdict !== 'accepted' || !person) return;
    onPerson(person.id, person.name);
    setOpen(false);
  };

  const onCode = async (text: string): Promise<ScanAnswer> => {
    const code = parseScan(text);
    if (code.kind !== 'person') return { verdict: 'unknown', text: 'Itu bukan kartu petugas Jejak.' };
    if (code.id === me.id) return { verdict: 'refused', text: 'Itu kartu Anda sendiri; pindai kartu rekan.' };
    let person: Person;
    try {
      person = await get<Person>(`/api/people/${enc(code.id)}`);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.code === 'not-found')
        return { verdict: 'unknown', text: `${code.id}: tidak ada di daftar orang.` };
      if (problem?.code !== 'network') throw error;
      return take(code.id, code.id, {
        verdict: 'accepted',
        text: `${code.id}: dipakai, diperiksa server saat ada sinyal.`,
      });
    }
    if (!person.active)
      return { verdict: 'refused', text: `${person.name} (${person.id}) sudah tidak aktif.` };
    if (person.role !== 'courier')
      return { verdict: 'refused', text: `${person.name} (${person.id}) bukan kurir.` };
    return take(person.id, person.name, {
      verdict: 'accepted',
      text: `Rekan: ${person.name} (${person.id}).`,
    });
  };

  return (
    <div class="badge-scan">
      {open ? (
        <CameraScanner autoStart onCode={onCode} onAnswer={shown} />
      ) : (
        <button type="button" class="secondary" onClick={() => (setAnswer(null), setOpen(true))}>
          Pindai kartu rekan
        </button>
      )}
      <ScanVerdict answer={answer} />
    </div>
  );
}
