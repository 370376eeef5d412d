import type { VoteProgress } from '#contracts';
import {
  holdVoteForBallot,
  isVoteOpen,
  readUnannouncedProgress,
  tryAdvisoryLock,
  writeAnnouncedProgress,
} from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * Coalesces ballot progress: each open vote whose ballot count changed since the last announcement
 * gets one `vote.progress` live event. One process announces at a time (a try-lock: the others skip),
 * so the public sees one count. Returns how many votes had changed.
 */
export async function announceVoteProgress(uow: UnitOfWork): Promise<number> {
  const { m } = uow;
  if (!(await tryAdvisoryLock(m, 'voteProgress'))) return 0;
  const changed = await readUnannouncedProgress(m);
  for (const row of changed) {
    // Never announce progress after the close: wait for a close in flight, then look again.
    await holdVoteForBallot(m, row.vote_id);
    if (!(await isVoteOpen(m, row.vote_id))) continue;
    await writeAnnouncedProgress(m, row.vote_id, row.cast_count);
    const progress: VoteProgress = {
      voteId: row.vote_id,
      castCount: row.cast_count,
      entitledCount: row.entitled_count,
    };
    await uow.live(row.session_id, 'vote.progress', progress);
  }
  return changed.length;
}
