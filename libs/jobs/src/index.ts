export * from './job-registry.js';
export * from './job-handlers.js';
export * from './retry.js';
export { webhookSignature, WebhookAttemptFailed } from './handlers/deliver-webhook.js';
export { readMinutesData } from './handlers/render-documents.js';
