import type { Checkpoint } from '../ledger/checkpoint.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import type { RecordSource } from './verify-record.js';
import type { SecretBallot } from '../elections/secret-ballot.js';

// Past a browser's HTTP cache: what is checked is what the instance serves now, not what it once served
// (Node's fetch has no cache, and its RequestInit type no `cache`).
const PAST_THE_CACHE = { cache: 'no-store' } as RequestInit;

/** The instance could not be read (not a discrepancy: the verifier says so and stops). */
export class RecordUnreadable extends Error {}

export interface HttpRecordReader {
  /** GET a JSON answer; null for a 404 when `allowNotFound`. */
  get<T>(path: string, allowNotFound?: boolean): Promise<T | null>;
  source: RecordSource;
  /** Every served checkpoint, oldest first. */
  checkpoints(): Promise<Checkpoint[]>;
}

/**
 * The public API as the verifier reads it, over `fetch` (Node's and the browser's). `digestFile` hashes
 * the bytes of one evidence download as they arrive: the CLI streams them into Node's SHA-256, the
 * browser hands them to WebCrypto.
 */
export function httpRecordReader(
  base: string,
  digestFile: (response: Response) => Promise<{ sha256: string; size: number }>,
  pageSize = 5000,
): HttpRecordReader {
  async function get<T>(path: string, allowNotFound = false): Promise<T | null> {
    const response = await fetch(`${base}${path}`, {
      ...PAST_THE_CACHE,
      headers: { accept: 'application/json' },
    });
    if (allowNotFound && response.status === 404) return null;
    if (!response.ok) throw new RecordUnreadable(`Cannot read ${base}${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
  /** A closed secret vote's published ballots and the served participation list (who took part). */
  async function servedSecretVote<C>(
    ballotsPath: string,
    participationPath: string,
  ): Promise<{ ballots: SecretBallot<C>[]; participants: string[] } | null> {
    const published = await get<{ ballots: SecretBallot<C>[] }>(ballotsPath, true);
    if (!published) return null;
    const participation = await get<{ entitled: { delegateId: string; hasVoted: boolean }[] }>(
      participationPath,
    );
    return {
      ballots: published.ballots,
      participants: participation!.entitled.filter((e) => e.hasVoted).map((e) => e.delegateId),
    };
  }
  const source: RecordSource = {
    ledgerPage: async (after) =>
      (await get<{ events: LedgerEvent[]; next: number | null }>(
        `/api/ledger?after=${after}&limit=${pageSize}`,
      ))!,
    vote: (voteId) => get(`/api/votes/${voteId}`, true),
    resolution: (number) => get(`/api/resolutions/${number}`, true),
    electionBallots: (electionId, roundId) =>
      servedSecretVote(
        `/api/elections/${electionId}/rounds/${roundId}/ballots`,
        `/api/elections/${electionId}/rounds/${roundId}/participation`,
      ),
    secretQuestionBallots: (voteId) =>
      servedSecretVote(`/api/votes/${voteId}/secret-ballots`, `/api/votes/${voteId}/secret-participation`),
    async resolutionNumbers() {
      const numbers: string[] = [];
      for (let before: string | null = null; ;) {
        const page: { items: { number: string }[]; next: string | null } | null = await get(
          `/api/resolutions?limit=100${before ? `&before=${before}` : ''}`,
        );
        numbers.push(...page!.items.map((item) => item.number));
        if (!page!.next) return numbers;
        before = page!.next;
      }
    },
    async motionIds() {
      const ids: string[] = [];
      for (let cursor: string | null = null; ;) {
        const page: { items: { id: string }[]; nextCursor: string | null } | null = await get(
          `/api/motions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        ids.push(...page!.items.map((item) => item.id));
        if (!page!.nextCursor) return ids;
        cursor = page!.nextCursor;
      }
    },
    motion: (id) => get(`/api/motions/${id}`, true),
    sessionIds: async () => (await get<{ id: string }[]>('/api/sessions'))!.map((row) => row.id),
    sessionRecord: (id) => get(`/api/sessions/${id}/record`, true),
    sessionSnapshot: (id) => get(`/api/sessions/${id}`, true),
    compliance: (number) => get(`/api/resolutions/${number}/compliance`, true),
    async evidenceFile(sha256) {
      const response = await fetch(`${base}/api/evidence/${sha256}`, { ...PAST_THE_CACHE });
      if (response.status === 404) return null;
      if (!response.ok || !response.body)
        throw new RecordUnreadable(`Cannot read ${base}/api/evidence/${sha256}: HTTP ${response.status}`);
      return digestFile(response);
    },
  };
  async function checkpoints(): Promise<Checkpoint[]> {
    const all: Checkpoint[] = [];
    for (let before: number | null = null; ;) {
      const page: { items: Checkpoint[]; next: number | null } | null = await get(
        `/api/ledger/checkpoints?limit=1000${before ? `&before=${before}` : ''}`,
      );
      all.push(...page!.items);
      if (page!.next === null) return all.reverse();
      before = page!.next;
    }
  }
  return { get, source, checkpoints };
}
