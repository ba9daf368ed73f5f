import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_ENTRY = join(__dirname, '..', '..', 'dist', 'apps', 'custody-api', 'src', 'main.js');

export interface SpawnedService {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built service (`npm run build`, which `npm test` runs first) as its own process. */
export async function spawnService(env: Record<string, string>): Promise<SpawnedService> {
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${SERVICE_ENTRY} is missing: run "npm run build" first`);
  // A random port can still be taken by another suite's service: draw another one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnPort(env, 20000 + Math.floor(Math.random() * 12000));
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

/** Below Linux's ephemeral range (32768 and up), so no client connection's local port collides. */
async function spawnOnPort(env: Record<string, string>, port: number): Promise<SpawnedService> {
  const child = spawn(process.execPath, [SERVICE_ENTRY], {
    env: { ...process.env, JEJAK_LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  // 'close', not 'exit': it comes once the pipes are drained too, so output() is whole by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early: ${output}`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service not ready in time: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, baseUrl, output: () => output, exited };
}
