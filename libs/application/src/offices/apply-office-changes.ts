import { officeChanges, rolesFromOffices, type Role } from '#domain';
import {
  lockUnappliedOffices,
  lockUser,
  markOfficeLeft,
  markOfficeTaken,
  positionOf,
  readPositions,
  writeUser,
  type OfficeRow,
} from '#persistence';
import { recordAccountFact } from '../users/account-facts.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { officeOf } from './assign-office.js';

const EPOCH = new Date(0).toISOString();

export interface AppliedOfficeChanges {
  taken: number;
  ended: number;
}

/**
 * The scheduled job's work (and the boot's): every office start and end up to `at` not yet applied,
 * in time order (officeChanges), each one public (`office.taken`, `office.ended`) with the account's
 * role change (`account.roles_changed`). A start grants the position's roles the account lacks; an end
 * withdraws what the office granted unless another office already taken grants it at that instant. A
 * role held otherwise (an administrator's grant) is never granted nor withdrawn here. Idempotent: each
 * office remembers when its start and end were applied.
 */
export async function applyOfficeChanges(uow: UnitOfWork, at: Date): Promise<AppliedOfficeChanges> {
  const { m } = uow;
  const rows = await lockUnappliedOffices(m);
  if (rows.length === 0) return { taken: 0, ended: 0 };
  const positions = (await readPositions(m)).map(positionOf);
  const state = new Map(rows.map((row) => [row.id, { ...row }]));
  const byStep = new Map<string, OfficeRow>();
  for (const row of rows) {
    const office = officeOf(row);
    byStep.set(`took/${row.position_id}/${row.holder_id}/${office.term.startsAt}`, row);
    byStep.set(
      `left/${row.position_id}/${row.holder_id}/${new Date(Math.min(row.ends_at.getTime(), row.ended_at?.getTime() ?? Infinity)).toISOString()}`,
      row,
    );
  }
  // Another office of the holder, already taken, that grants the role at that instant.
  const heldByAnother = (holderId: string, exceptId: string, instant: string): Set<Role> => {
    const others = [...state.values()].filter(
      (o) => o.holder_id === holderId && o.id !== exceptId && o.taken_at !== null && o.left_at === null,
    );
    return new Set(rolesFromOffices(positions, others.map(officeOf), holderId, instant).roles);
  };
  const result = { taken: 0, ended: 0 };
  for (const change of officeChanges(positions, rows.map(officeOf), EPOCH, at.toISOString())) {
    const kind = change.kind === 'took_office' ? 'took' : 'left';
    const row = state.get(byStep.get(`${kind}/${change.positionId}/${change.holderId}/${change.at}`)!.id)!;
    if (kind === 'took' ? row.taken_at !== null : row.left_at !== null || row.taken_at === null) continue;
    const user = (await lockUser(m, row.holder_id))!;
    const others = heldByAnother(row.holder_id, row.id, change.at);
    const when = new Date(change.at);
    let applied: Role[];
    if (kind === 'took') {
      applied = change.roles.filter((role) => !user.roles.includes(role));
      // Granted by this office too when another office grants it now: the last office to end withdraws it.
      const granted = change.roles.filter((role) => applied.includes(role) || others.has(role));
      await markOfficeTaken(m, row.id, when, granted);
      row.taken_at = when;
      row.granted_roles = granted;
      result.taken += 1;
    } else {
      applied = (row.granted_roles ?? []).filter((role) => !others.has(role) && user.roles.includes(role));
      await markOfficeLeft(m, row.id, when);
      row.left_at = when;
      result.ended += 1;
    }
    await uow.record({
      type: kind === 'took' ? 'office.taken' : 'office.ended',
      actor: null,
      payload: {
        officeId: row.id,
        positionId: row.position_id,
        holderId: row.holder_id,
        at: change.at,
        roles: change.roles,
        applied,
      },
    });
    if (applied.length > 0) {
      const roles =
        kind === 'took' ? [...user.roles, ...applied] : user.roles.filter((role) => !applied.includes(role));
      await writeUser(m, user.id, { roles });
      await recordAccountFact(uow, 'account.roles_changed', null, {
        userId: user.id,
        granted: kind === 'took' ? applied : [],
        removed: kind === 'took' ? [] : applied,
      });
    }
  }
  if (result.taken + result.ended > 0) uow.publicReadsChanged();
  return result;
}
