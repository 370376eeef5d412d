import type { WitnessFinding, WitnessState } from '#domain/verification/witness';
import type { RecordVerdict } from '#domain/verification/verify-record';

/** What the page asks the verification worker. */
export interface VerifyRequest {
  base: string;
  state: WitnessState;
  receipt: string | null;
  document: { sequence: number; hash: string } | null;
}

/** The run's answer, as it crosses to the page (the verdict without its resumable state). */
export interface VerifyOutcome {
  status: 0 | 1;
  verdict: Omit<RecordVerdict, 'progress'> | null;
  findings: WitnessFinding[];
  receipt?: string | null;
  document?: { matches: boolean; signed: boolean };
  checkpoints: number;
  state: WitnessState | null;
  added: number;
  lines: string[];
  millis: number;
  events: number;
  digests: { webCrypto: number; script: number };
}

export type VerifyMessage =
  | { type: 'progress'; checked: number; lastSequence: number; expected: number }
  | { type: 'done'; outcome: VerifyOutcome }
  | { type: 'failed'; message: string };
