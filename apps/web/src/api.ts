/**
 * The one way the app talks to the service: the same public routes any client uses.
 * Signed in with a session, writes carry X-CSRF-Token; signed in with a pasted token, every request
 * carries it as a bearer token. Every refusal becomes an ApiError holding the problem+json body.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

export type Credentials = { kind: 'token'; token: string } | { kind: 'session'; csrfToken: string };

let credentials: Credentials | null = null;
/** The highest position this tab has written: reads wait for it (read-your-writes). */
let lastPosition: string | null = null;

export const setCredentials = (next: Credentials | null): void => {
  credentials = next;
};

const READ_MODEL_PATH = /^\/api\/(items|transfers|watch)(\/|\?|$)|^\/api\/locations\/[^/]+\/inventory/;

function withPosition(path: string): string {
  if (!lastPosition || !READ_MODEL_PATH.test(path) || /[?&]minPosition=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}minPosition=${encodeURIComponent(lastPosition)}`;
}

function rememberPosition(body: unknown): void {
  const position = (body as { position?: unknown } | null)?.position;
  if (typeof position !== 'string' || !/^\d+$/.test(position)) return;
  if (!lastPosition || BigInt(position) > BigInt(lastPosition)) lastPosition = position;
}

export const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export interface RequestOptions {
  body?: unknown;
  /** A raw body (CSV) with its content type, instead of JSON. */
  text?: { content: string; type: string };
  /** Sent as Idempotency-Key; a POST gets a fresh one when none is given. */
  idempotencyKey?: string;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (credentials?.kind === 'token') headers.Authorization = `Bearer ${credentials.token}`;
  const writes = method !== 'GET' && method !== 'HEAD';
  if (writes && credentials?.kind === 'session') headers['X-CSRF-Token'] = credentials.csrfToken;
  if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? newKey();
  let body: string | undefined;
  if (options.text) {
    headers['Content-Type'] = options.text.type;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(writes ? path : withPosition(path), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...problem,
      status: response.status,
      code: problem.code ?? `http-${response.status}`,
    });
  }
  if (writes) rememberPosition(parsed);
  return parsed as T;
}

export const get = <T>(path: string): Promise<T> => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T> =>
  request<T>('POST', path, { body: body ?? {}, idempotencyKey });

/** A query string from the filled-in values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;

/**
 * Downloads a document (PDF, CSV) with the same credentials as every request: a plain link would
 * not carry a bearer token. Opens a PDF in the browser, saves anything else under its name.
 */
export async function download(path: string, filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (credentials?.kind === 'token') headers.Authorization = `Bearer ${credentials.token}`;
  let response: Response;
  try {
    response = await fetch(withPosition(path), { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError({
      ...problem,
      status: response.status,
      code: problem.code ?? `http-${response.status}`,
    });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
