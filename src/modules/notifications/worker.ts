import type { NotificationsService } from './notifications.service.ts';

export interface JobWorker {
  /** Waits for the run in progress, so no job is left half done. */
  stop(): Promise<void>;
}

/** Runs due jobs now and every intervalMs; the jobs live in the database, so a restart loses none. */
export function startJobWorker(
  notifications: Pick<NotificationsService, 'runDueJobs'>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): JobWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = notifications
      .runDueJobs()
      .then(
        () => undefined,
        (error: unknown) => options.onError(error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
