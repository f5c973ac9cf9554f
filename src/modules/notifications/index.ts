/** The notifications module's public face: e-mail through the durable job queue, and action reminders. */
export {
  createNotificationsService,
  finishedJobsKeptDays,
  type GroupNotice,
  type JobsRun,
  type NotificationsDependencies,
  type NotificationsService,
} from './notifications.service.ts';
export { createLogMailer, createSmtpMailer, type Email, type Mailer } from './mailer.ts';
export { startJobWorker, type JobWorker } from './worker.ts';
export { unsubscribeTokens } from './unsubscribeToken.ts';
export {
  createNoticeSettingsService,
  type NoticeSettingsDependencies,
  type NoticeSettingsService,
  type PersonNotices,
} from './noticeSettings.service.ts';
export { noticeRoutes, type NoticeRouteDependencies } from './notices.routes.ts';
export { noticesDataAbout } from './personalData.repository.ts';
