import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { Select } from './ui';

export interface Person {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/** The active couriers of the directory, as a labelled choice: who is chosen is a person, never typed. */
export function CourierPicker({
  id,
  label,
  value,
  onValue,
  except,
}: {
  id: string;
  label: string;
  value: string;
  onValue: (id: string) => void;
  except?: string;
}) {
  const [people, setPeople] = useState<Person[] | null>(null);
  useEffect(() => {
    get<{ people: Person[] }>('/api/people?role=courier').then(
      (answer) => setPeople(answer.people.filter((p) => p.active && p.id !== except)),
      () => setPeople([]),
    );
  }, [except]);
  const options: [string, string][] = [
    ['', people === null ? 'Memuat daftar kurir…' : '— pilih kurir —'],
    ...(people ?? []).map((p): [string, string] => [p.id, `${p.name} (${p.id})`]),
  ];
  return <Select id={id} label={label} value={value} onValue={onValue} options={options} />;
}
