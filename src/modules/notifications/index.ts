/** The notifications module's public face: e-mail through the durable job queue, and action reminders. */
export {
  createNotificationsService,
  type JobsRun,
  type NotificationsDependencies,
  type NotificationsService,
} from './notifications.service.ts';
export { createLogMailer, createSmtpMailer, type Email, type Mailer } from './mailer.ts';
export { startJobWorker, type JobWorker } from './worker.ts';
