import { buildApp } from './app.ts';
import type { Container } from './container.ts';
import { startJobWorker } from './modules/notifications/index.ts';

/** How often the server looks for due jobs (e-mail, reminders). */
const jobIntervalMs = 30_000;

/**
 * Listens and works through the job queue. On SIGTERM or SIGINT it finishes the job run and
 * the requests in flight before closing the database.
 */
export async function serve(container: Container): Promise<void> {
  const { config } = container;
  const app = await buildApp(container, { logger: { level: config.logLevel } });
  if (!config.smtpUrl) app.log.warn('SMTP_URL is not set: e-mail is written to this log, not sent');
  // Answering first: the day's jobs are scheduled and run once the server listens, not before.
  await app.listen({ port: config.port, host: config.host });
  await container.notifications.scheduleDailyJobs();
  const worker = startJobWorker(container.notifications, {
    intervalMs: jobIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'running due jobs failed'),
  });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received: closing`);
    await worker.stop();
    await app.close();
    await container.database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
