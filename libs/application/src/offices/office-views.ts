import type { Role } from '#domain';
import type { CommissionRow, OfficeRow, PositionRow, TermRow } from '#persistence';

export interface CommissionView {
  id: string;
  name: { es: string; en: string };
}

export interface PositionView {
  id: string;
  body: 'mesa' | 'commission';
  commissionId: string | null;
  rank: PositionRow['rank'];
  title: { es: string; en: string };
  seats: number;
}

export interface TermView {
  id: string;
  label: string;
  startsAt: string;
  endsAt: string;
}

export interface OfficeView {
  id: string;
  positionId: string;
  termId: string;
  holderId: string;
  delegateId: string | null;
  electionId: string | null;
  startsAt: string;
  endsAt: string;
  /** When the scheduled job applied the start, and the roles it granted then. */
  takenAt: string | null;
  grantedRoles: Role[] | null;
  leftAt: string | null;
}

export const commissionView = (row: CommissionRow): CommissionView => ({
  id: row.id,
  name: { es: row.name_es, en: row.name_en },
});

export const positionView = (row: PositionRow): PositionView => ({
  id: row.id,
  body: row.body,
  commissionId: row.commission_id,
  rank: row.rank,
  title: { es: row.title_es, en: row.title_en },
  seats: row.seats,
});

export const termView = (row: TermRow): TermView => ({
  id: row.id,
  label: row.label,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
});

export const officeView = (row: OfficeRow): OfficeView => ({
  id: row.id,
  positionId: row.position_id,
  termId: row.term_id,
  holderId: row.holder_id,
  delegateId: row.delegate_id,
  electionId: row.election_id,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  takenAt: row.taken_at?.toISOString() ?? null,
  grantedRoles: row.granted_roles,
  leftAt: row.left_at?.toISOString() ?? null,
});
