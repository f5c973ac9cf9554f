import { buildApp } from './app.ts';
import type { Container } from './container.ts';

/** Listens, and on SIGTERM or SIGINT finishes the requests in flight before closing the database. */
export async function serve(container: Container): Promise<void> {
  const { config } = container;
  const app = await buildApp(container, { logger: { level: config.environment === 'test' ? 'warn' : 'info' } });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received: closing`);
    await app.close();
    await container.database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}
