import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { MotionsAndLedger1764100000000 } from './1764100000000-motions-and-ledger.js';
import { SessionsAndOutbox1764200000000 } from './1764200000000-sessions-and-outbox.js';
import { Speakers1764300000000 } from './1764300000000-speakers.js';
import { VotesAndResolutions1764400000000 } from './1764400000000-votes-and-resolutions.js';
import { Accountability1764500000000 } from './1764500000000-accountability.js';
import { LedgerHeadLock1764600000000 } from './1764600000000-ledger-head-lock.js';
import { PublicRecordChanges1764700000000 } from './1764700000000-public-record-changes.js';
import { BallotBatchFacts1764800000000 } from './1764800000000-ballot-batch-facts.js';
import { WebhookResume1764900000000 } from './1764900000000-webhook-resume.js';
import { AssemblyRules1765000000000 } from './1765000000000-assembly-rules.js';
import { SessionNumbers1765010000000 } from './1765010000000-session-numbers.js';
import { SecretariatFacts1765100000000 } from './1765100000000-secretariat-facts.js';
import { EvidenceFiles1765200000000 } from './1765200000000-evidence-files.js';
import { AccountEnrolments1765300000000 } from './1765300000000-account-enrolments.js';
import { SealedSecrets1765400000000 } from './1765400000000-sealed-secrets.js';
import { SessionEndedNotifications1765500000000 } from './1765500000000-session-ended-notifications.js';
import { RecordCheckpoints1765600000000 } from './1765600000000-record-checkpoints.js';
import { MesaRecordedBallots1765900000000 } from './1765900000000-mesa-recorded-ballots.js';
import { PositionsAndOffices1766000000000 } from './1766000000000-positions-and-offices.js';
import { ElectionsAndSecretBallots1766100000000 } from './1766100000000-elections-and-secret-ballots.js';
import { SecretQuestions1766200000000 } from './1766200000000-secret-questions.js';
import { SecretBoxOwnerTags1766300000000 } from './1766300000000-secret-box-owner-tags.js';

/** Every migration, in order. New ones are appended here and reviewed like any other code. */
export const MIGRATIONS = [
  Foundation1764000000000,
  MotionsAndLedger1764100000000,
  SessionsAndOutbox1764200000000,
  Speakers1764300000000,
  VotesAndResolutions1764400000000,
  Accountability1764500000000,
  LedgerHeadLock1764600000000,
  PublicRecordChanges1764700000000,
  BallotBatchFacts1764800000000,
  WebhookResume1764900000000,
  AssemblyRules1765000000000,
  SessionNumbers1765010000000,
  SecretariatFacts1765100000000,
  EvidenceFiles1765200000000,
  AccountEnrolments1765300000000,
  SealedSecrets1765400000000,
  SessionEndedNotifications1765500000000,
  RecordCheckpoints1765600000000,
  MesaRecordedBallots1765900000000,
  PositionsAndOffices1766000000000,
  ElectionsAndSecretBallots1766100000000,
  SecretQuestions1766200000000,
  SecretBoxOwnerTags1766300000000,
];
