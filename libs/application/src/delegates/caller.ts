import type { Role } from '#domain';

/** Who calls a use case: the signed-in account as the API authenticated it (plain data, no framework). */
export interface Caller {
  id: string;
  roles: readonly Role[];
  institutionId: string | null;
}

/** How the public record names the account behind an event. */
export function actorOf(caller: Pick<Caller, 'id'>): string {
  return `user:${caller.id}`;
}
