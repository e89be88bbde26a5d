export { notificationsPolicies } from './policy.ts'
export { NOTIFICATION_JOBS, notificationsRoutes as notificationsModule } from './routes.ts'
export { sendPendingNotifications } from './service.ts'
