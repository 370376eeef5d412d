export * from './job-registry.js';
export * from './job-handlers.js';
export * from './retry.js';
export { webhookSignature, WebhookAttemptFailed } from './handlers/deliver-webhook.js';
export * from './queue/job-queue.js';
export * from './queue/create-job-queue.js';
export { JobOutboxDispatcher } from './outbox/job-outbox-dispatcher.js';
export { PeriodicTask } from './runtime/periodic-task.js';
