import { ApiError, get, request, setCredentials } from './api';

export type Role = 'officer' | 'courier' | 'depot' | 'auditor' | 'admin';

/** Who is signed in: the person (or token holder) the API records as the actor. */
export interface Me {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  via: 'session' | 'token';
}

const TOKEN_KEY = 'jejak.token';
const ME_KEY = 'jejak.me';
/** Set once a password sign-in worked here: only then is a session cookie worth asking about. */
const SESSION_HINT = 'jejak.session';

interface SessionAnswer {
  person: { id: string; name: string; role: Role; unitId?: string | null };
  csrfToken: string;
}

interface TokenSelf {
  principalId: string;
  name: string;
  role: Role;
  unitId: string | null;
}

const fromSession = (answer: SessionAnswer): Me => {
  setCredentials({ kind: 'session', csrfToken: answer.csrfToken });
  localStorage.setItem(SESSION_HINT, '1');
  const { id, name, role, unitId } = answer.person;
  return { id, name, role, unitId: unitId ?? null, via: 'session' };
};

/** Signs in with a person's id and password (POST /api/session): the cookie is the session. */
export async function signInWithPassword(personId: string, password: string): Promise<Me> {
  setCredentials(null);
  return fromSession(await request<SessionAnswer>('POST', '/api/session', { body: { personId, password } }));
}

/** Signs in with a one-time sign-in code an admin made. */
export async function signInWithCode(signInCode: string): Promise<Me> {
  setCredentials(null);
  return fromSession(await request<SessionAnswer>('POST', '/api/session', { body: { signInCode } }));
}

/** "Masuk dengan token": an integrator's or admin's bearer token, kept for this tab only. */
export async function signInWithToken(token: string): Promise<Me> {
  setCredentials({ kind: 'token', token });
  try {
    const self = await get<TokenSelf>('/api/tokens/self');
    const me: Me = {
      id: self.principalId,
      name: self.name,
      role: self.role,
      unitId: self.unitId,
      via: 'token',
    };
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ME_KEY, JSON.stringify(me));
    return me;
  } catch (error) {
    // No signal: the same tab's token and who it was, so a courier's screen opens offline too.
    const known = sessionStorage.getItem(ME_KEY);
    if (
      error instanceof ApiError &&
      error.problem.code === 'network' &&
      known &&
      sessionStorage.getItem(TOKEN_KEY) === token
    )
      return JSON.parse(known) as Me;
    setCredentials(null);
    throw error;
  }
}

/** At start: the token kept in this tab, else a session cookie, else nobody. */
export async function restore(): Promise<Me | null> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    try {
      return await signInWithToken(token);
    } catch {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(ME_KEY);
    }
  }
  if (!localStorage.getItem(SESSION_HINT)) return null;
  try {
    return fromSession(await get<SessionAnswer>('/api/session'));
  } catch (error) {
    if (error instanceof ApiError) {
      localStorage.removeItem(SESSION_HINT);
      return null;
    }
    throw error;
  }
}

export async function signOut(me: Me): Promise<void> {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ME_KEY);
  localStorage.removeItem(SESSION_HINT);
  if (me.via === 'session') await request('DELETE', '/api/session').catch(() => undefined);
  setCredentials(null);
}
