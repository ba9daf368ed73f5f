/** A plain HTTP client of the spawned service, for setting up a story and checking what the app did. */
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function apiClient(baseUrl: string) {
  const call = async (token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (a PDF, CSV)
    }
    return { status: response.status, body: parsed };
  };
  /** Asks again (the read models catch up within moments) until `check` passes; its last failure otherwise. */
  const eventually = async <T>(read: () => Promise<T>, check: (value: T) => void): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      try {
        check(value);
        return value;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const must = async (token: string, method: string, path: string, body?: unknown, status = [200, 201]) => {
    const answer = await call(token, method, path, body);
    if (!status.includes(answer.status))
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return { call, must, eventually };
}
