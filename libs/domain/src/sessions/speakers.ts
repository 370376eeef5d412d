export const SPEAKER_STANCES = ['pro', 'contra', 'point_of_order'] as const;
export type SpeakerStance = (typeof SPEAKER_STANCES)[number];

export interface SpeakerRequest {
  id: string;
  delegateId: string;
  stance: SpeakerStance;
  /** Monotonic arrival order (a database sequence), not a clock. */
  position: number;
}

/** The speakers list as it will be called: points of order first, each group in arrival order. */
export function orderSpeakers<T extends SpeakerRequest>(requests: readonly T[]): T[] {
  return [...requests].sort(
    (a, b) =>
      Number(b.stance === 'point_of_order') - Number(a.stance === 'point_of_order') ||
      a.position - b.position,
  );
}
