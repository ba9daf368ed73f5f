import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { signInWithCode, signInWithPassword, signInWithToken, type Me } from '../session';
import { ErrorNote, Field } from '../ui';

type Way = 'password' | 'code' | 'token';

/** Sign-in refusals said for this screen: a wrong password is not "not allowed". */
function signInProblem(error: unknown, way: Way): unknown {
  if (!(error instanceof ApiError)) return error;
  const { status } = error.problem;
  if (way !== 'token' && (status === 404 || status === 405))
    return new ApiError({
      status,
      code: 'app:sign-in-missing',
      detail: 'Masuk dengan kata sandi belum tersedia di server ini. Pakai "Masuk dengan token".',
    });
  if (status === 401)
    return new ApiError({
      status,
      code: 'app:sign-in-refused',
      detail:
        way === 'token'
          ? 'Token tidak dikenal atau sudah dicabut. Minta token baru kepada admin.'
          : way === 'code'
            ? 'Kode masuk salah atau sudah kedaluwarsa. Minta kode baru kepada admin.'
            : 'NIP / nomor pegawai atau kata sandi salah. Periksa lalu coba lagi.',
    });
  return error;
}

export function SignInScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [way, setWay] = useState<Way>('password');
  const [personId, setPersonId] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me =
        way === 'password'
          ? await signInWithPassword(personId.trim(), password)
          : way === 'code'
            ? await signInWithCode(code.trim())
            : await signInWithToken(token.trim());
      onSignedIn(me);
    } catch (e) {
      setError(signInProblem(e, way));
      setBusy(false);
    }
  };

  return (
    <section class="page narrow">
      <h1>Masuk ke Jejak</h1>
      <div class="tabs" role="group" aria-label="Cara masuk">
        {(
          [
            ['password', 'Kata sandi'],
            ['code', 'Kode masuk'],
            ['token', 'Masuk dengan token'],
          ] as [Way, string][]
        ).map(([value, text]) => (
          <button
            key={value}
            type="button"
            class={way === value ? 'tab active' : 'tab'}
            aria-pressed={way === value}
            onClick={() => {
              setWay(value);
              setError(null);
            }}
          >
            {text}
          </button>
        ))}
      </div>
      <form onSubmit={submit} class="card">
        {way === 'password' && (
          <>
            <Field
              id="personId"
              label="NIP / Nomor pegawai"
              value={personId}
              onValue={setPersonId}
              autoComplete="username"
              required
            />
            <Field
              id="password"
              label="Kata sandi"
              type="password"
              value={password}
              onValue={setPassword}
              autoComplete="current-password"
              required
            />
          </>
        )}
        {way === 'code' && (
          <Field
            id="signInCode"
            label="Kode masuk sekali pakai"
            hint="Kode dari admin (juga bisa dipindai sebagai QR)."
            value={code}
            onValue={setCode}
            autoComplete="one-time-code"
            required
          />
        )}
        {way === 'token' && (
          <Field
            id="token"
            label="Token akses"
            hint="Untuk integrator dan admin: tempel token dari admin. Token hanya disimpan di tab ini."
            type="password"
            value={token}
            onValue={setToken}
            autoComplete="off"
            required
          />
        )}
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Memeriksa…' : 'Masuk'}
        </button>
      </form>
    </section>
  );
}
