import 'reflect-metadata';
import { ConfigError, configWarnings, loadConfig } from '@jejak/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Jejak cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  for (const warning of configWarnings(config)) process.stderr.write(`Jejak: warning: ${warning}\n`);
  // Loaded only once the configuration is known good, so a wrong value fails at once.
  const { createApp } = await import('./create-app');
  const { app, generatedAdminToken } = await createApp(config);
  if (generatedAdminToken) {
    // Printed once, on stderr: apart from the JSON log lines on stdout (a log collector keeps
    // those), on the terminal of whoever started it. It is the only way in on a new store.
    process.stderr.write(
      `\n  Jejak: a new store. The first admin token (shown only now, keep it safe):\n\n    ${generatedAdminToken}\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Stop accepting; in-flight requests finish. A keep-alive connection that goes idle after its
    // answer would otherwise hold the close for the whole keep-alive timeout, so close idle ones as we go.
    const server = app.getHttpServer();
    const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
    // A connection whose request never ends (its peer gone) would hold the close for ever: the
    // contract stops within 10 s whatever the load, so such connections are cut, then the process.
    setTimeout(() => server.closeAllConnections(), 6000).unref();
    setTimeout(() => {
      process.stderr.write(`Jejak: not stopped cleanly in 9.5 s (${signal}); exiting.\n`);
      process.exit(1);
    }, 9500).unref();
    await app.close();
    clearInterval(closeIdle);
    process.stdout.write(`Jejak stopped (${signal}).\n`);
    process.exit(0);
  };
  // `on`, not `once`: a second signal (npm and a process group both passing it on) must not
  // end the process before the first has finished stopping it.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `Jejak listening on http://localhost:${config.port} (data: ${config.dataDir}; event store: ${config.eventStoreUrl ? 'KurrentDB' : 'embedded'}; read models: ${config.mongodbUrl ? 'MongoDB' : 'embedded'}); API docs at /docs\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`Jejak failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
