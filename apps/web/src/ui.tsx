import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from './api';
import { explain, fieldWord } from './messages';

/** A refusal or failure, in Indonesian with what to do; the server's own words below, for support. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const problem =
    error instanceof ApiError ? error.problem : { status: 0, code: 'app', detail: String(error) };
  // The app's own words (code "app:…") are already Indonesian: they are the message itself.
  const own = problem.code.startsWith('app:');
  return (
    <div class="note note-error" role="alert">
      <p>
        {own
          ? problem.detail
          : problem.code === 'app'
            ? 'Terjadi kesalahan di aplikasi. Muat ulang halaman.'
            : explain(problem)}
      </p>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>
              <strong>{fieldWord(e.field)}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem.detail && !own && <p class="detail">Rincian dari server: {problem.detail}</p>}
    </div>
  );
}

export const Done = ({ children }: { children: ComponentChildren }) => (
  <div class="note note-ok" role="status">
    {children}
  </div>
);

export const Empty = ({ children }: { children: ComponentChildren }) => <div class="empty">{children}</div>;

export const Busy = ({ label = 'Memuat…' }: { label?: string }) => (
  <p class="busy" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true" />
    {label}
  </p>
);

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'type' | 'inputMode'> & {
  label: string;
  id: string;
  hint?: string;
  value?: string;
  onValue?: (value: string) => void;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: string;
};

export function Field({ label, id, hint, onValue, ...rest }: InputProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onValue?.((e.target as HTMLInputElement).value)}
        {...rest}
      />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function Select({
  label,
  id,
  value,
  onValue,
  options,
}: {
  label: string;
  id: string;
  value: string;
  onValue: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onValue((e.target as HTMLSelectElement).value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Loads once and on reload(); keeps the last error for ErrorNote. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: unknown) => mine === seq.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/**
 * One form's sending: `busy` while it runs, the refusal it met (shown with ErrorNote), and `run`,
 * which clears the last refusal first and answers whether the action went through.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A list the API pages with nextCursor: first page at once, "Muat lebih banyak" for the next. */
export function usePaged<T>(path: string | null, key: string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Loading from the first render: an empty list is not "empty" until the server said so.
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const fetchPage = useCallback(
    async (after: string | null, replace: boolean) => {
      if (!path) return;
      setLoading(true);
      setError(null);
      try {
        const sep = path.includes('?') ? '&' : '?';
        const page = await get<Record<string, unknown> & { nextCursor?: string | null }>(
          after ? `${path}${sep}cursor=${encodeURIComponent(after)}` : path,
        );
        const list = (page[key] as T[]) ?? [];
        setItems((old) => (replace ? list : [...old, ...list]));
        setCursor(page.nextCursor ?? null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [path, key],
  );
  // A new list (another path) starts empty; a refresh keeps what is shown until the answer comes,
  // and keeps it when there is none (no signal): the courier still sees the bag.
  useEffect(() => {
    setItems([]);
    setCursor(null);
  }, [fetchPage]);
  useEffect(() => {
    void fetchPage(null, true);
  }, [fetchPage, version]);
  return {
    items,
    error,
    loading,
    more: cursor ? () => void fetchPage(cursor, false) : null,
    reload: () => setVersion((v) => v + 1),
  };
}

export function MoreButton({ more, loading }: { more: (() => void) | null; loading: boolean }) {
  if (!more) return null;
  return (
    <button type="button" class="secondary" onClick={more} disabled={loading}>
      {loading ? 'Memuat…' : 'Muat lebih banyak'}
    </button>
  );
}

/** The directory of places and units, asked once (a few hundred rows): names without a 404 per person id. */
export interface PlaceInfo {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
}
let directory: Promise<Map<string, PlaceInfo>> | null = null;
export function places(): Promise<Map<string, PlaceInfo>> {
  directory ??= get<{ locations: PlaceInfo[] }>('/api/locations').then(
    (answer) => new Map(answer.locations.map((place) => [place.id, place])),
    () => {
      directory = null;
      return new Map();
    },
  );
  return directory;
}
export const forgetPlaces = (): void => {
  directory = null;
};
export const placeName = (id: string): Promise<string> => places().then((map) => map.get(id)?.name ?? id);

export function Place({ id }: { id: string | null | undefined }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (id) void placeName(id).then(setName);
  }, [id]);
  if (!id) return <span>—</span>;
  return <span title={id}>{name ?? id}</span>;
}

export const Page = ({ title, children }: { title: string; children: ComponentChildren }) => {
  useEffect(() => {
    document.title = `${title} · Jejak`;
  }, [title]);
  return (
    <section class="page">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </section>
  );
};
