import type { AppConfig } from '#config';
import { signingKeyFromSeed } from '#domain';
import type { DataSource } from 'typeorm';
import { assertCompleteRegistry, type JobHandlers } from './job-registry.js';
import { applyOfficeChangesJob } from './handlers/apply-office-changes.js';
import { closeDueElections } from './handlers/close-due-elections.js';
import { closeVoteAtDeadline } from './handlers/close-vote-at-deadline.js';
import { complianceDailySweep } from './handlers/compliance-sweep.js';
import { deliverWebhook } from './handlers/deliver-webhook.js';
import { purgeRefreshTokens } from './handlers/purge-refresh-tokens.js';
import { renderMinutesDocument, renderResolutionDocument } from './handlers/render-documents.js';
import { renderMissingDocuments } from './handlers/render-missing-documents.js';
import { resumeStalledWebhooks } from './handlers/resume-stalled-webhooks.js';

/**
 * Every job's handler, for the worker (with Redis) and for the API's in-process runner (without):
 * the same code either way. Refuses to build with a declared job missing.
 */
export function createJobHandlers(dataSource: DataSource, config: AppConfig): JobHandlers {
  const signing = { publicUrl: config.publicUrl, key: signingKeyFromSeed(config.record.signingKey) };
  const handlers: Partial<Record<string, unknown>> = {
    'maintenance.purge-refresh-tokens': purgeRefreshTokens(dataSource),
    'votes.close-at-deadline': closeVoteAtDeadline(dataSource, config),
    'documents.render-resolution': renderResolutionDocument(dataSource, signing),
    'documents.render-minutes': renderMinutesDocument(dataSource, signing),
    'documents.render-missing': renderMissingDocuments(dataSource),
    'webhooks.deliver': deliverWebhook(dataSource, config),
    'compliance.daily-sweep': complianceDailySweep(dataSource, config),
    'webhooks.resume-stalled': resumeStalledWebhooks(dataSource, config),
    'offices.apply-changes': applyOfficeChangesJob(dataSource),
    'elections.close-due': closeDueElections(dataSource, config),
  };
  assertCompleteRegistry(handlers);
  return handlers;
}
