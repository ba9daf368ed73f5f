/** How the party that did not send a request acknowledged it (domain.md "Two-party custody"). */
export const ACKNOWLEDGEMENT_METHODS: Record<string, string> = {
  account: 'akun',
  code: 'kode',
  signature: 'tanda tangan',
};

/**
 * The words for an event's acknowledgement. Events that carry `acknowledgement: { method }` say
 * it; before they do, the account that recorded the event is all there is, and the document says
 * exactly that rather than claim a method nobody used.
 */
export function acknowledgementText(data: unknown, recordedBy: string, fallback: string): string {
  const acknowledgement = (data as { acknowledgement?: { method?: unknown; name?: unknown } } | null)
    ?.acknowledgement;
  const method = typeof acknowledgement?.method === 'string' ? acknowledgement.method : null;
  if (method && ACKNOWLEDGEMENT_METHODS[method]) {
    const name = typeof acknowledgement?.name === 'string' ? ` (${acknowledgement.name})` : '';
    return `pengakuan: ${ACKNOWLEDGEMENT_METHODS[method]}${name}`;
  }
  return `${fallback} ${recordedBy}`;
}
