/** How the party that did not send a request acknowledged it (domain.md "Two-party custody"). */
export const ACKNOWLEDGEMENT_WORDS: Record<string, string> = {
  account: 'akun',
  code: 'kode serah',
  signature: 'tanda tangan',
};

interface GivenAcknowledgement {
  method?: unknown;
  byId?: unknown;
  name?: unknown;
  nip?: unknown;
}

const given = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * The words for an event's acknowledgement, naming who gave it: the account that recorded it, the
 * person who showed the kode serah, or the signer with their NIP, so the paper says what the trail
 * says. Before events carried an acknowledgement, the account that recorded the event is all there
 * is, and the document says exactly that rather than claim a method nobody used.
 */
export function acknowledgementText(
  data: unknown,
  recordedBy: string,
  fallback: string,
  nameOf: (id: string) => string = (id) => id,
): string {
  const acknowledgement = (data as { acknowledgement?: GivenAcknowledgement } | null)?.acknowledgement;
  const method = given(acknowledgement?.method);
  if (!method || !ACKNOWLEDGEMENT_WORDS[method]) return `${fallback} ${recordedBy}`;
  const words = `pengakuan: ${ACKNOWLEDGEMENT_WORDS[method]}`;
  if (method === 'signature') {
    const name = given(acknowledgement?.name);
    const nip = given(acknowledgement?.nip);
    return name ? `${words} (${name}${nip ? `, NIP ${nip}` : ''})` : words;
  }
  const byId = given(acknowledgement?.byId);
  if (!byId) return words;
  return method === 'code' ? `${words} yang ditunjukkan ${nameOf(byId)}` : `${words} ${nameOf(byId)}`;
}
