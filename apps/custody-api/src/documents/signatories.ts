import type { Role } from '@jejak/custody';

/** A person as printed under a signature: name, NIP (when they have one) and jabatan. */
export interface Signatory {
  id: string;
  name: string;
  nip: string | null;
  jabatan: string;
}

/** Who the documents can name: people by id, units and places by id. */
export interface DocumentDirectory {
  person(id: string): Signatory;
  unitName(unitId: string): string;
}

/** A person as a document names them: "Name (id)", or the bare id when the directory knows no name. */
export const nameOf =
  (directory: DocumentDirectory) =>
  (id: string): string => {
    const person = directory.person(id);
    return person.name === id ? id : `${person.name} (${id})`;
  };

/** What today's directory knows of a person: the name and role on their tokens. */
export interface KnownHolder {
  principalId: string;
  name: string;
  role: Role;
  nip?: string | null;
  jabatan?: string | null;
}

export const JABATAN: Record<Role, string> = {
  admin: 'Administrator',
  officer: 'Petugas Arsip',
  courier: 'Kurir',
  depot: 'Petugas Depo Arsip',
  auditor: 'Auditor',
};

/** A NIP is 18 digits (PNS) or, for PPPK and others, a long run of digits: print the id as NIP then. */
const looksLikeNip = (id: string): boolean => /^\d{9,21}$/.test(id.replace(/\s/g, ''));

/**
 * The one place a printed document learns who a person is. Today it reads the holders of tokens
 * (name and role); once the people directory has name, NIP and jabatan it passes them in the same
 * shape, and every document prints them. A person nobody knows is printed by id, never invented.
 */
export function signatoryOf(id: string, holders: readonly KnownHolder[]): Signatory {
  const holder = [...holders].reverse().find((candidate) => candidate.principalId === id);
  return {
    id,
    name: holder?.name ?? id,
    nip: holder?.nip ?? (looksLikeNip(id) ? id : null),
    jabatan: holder?.jabatan ?? (holder ? JABATAN[holder.role] : '-'),
  };
}
