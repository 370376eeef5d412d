import type { CommissionView, OfficeView, PositionView, TermView } from '#contracts';
import type { CommissionRow, OfficeRow, PositionRow, TermRow } from '#persistence';

export type { CommissionView, OfficeView, PositionView, TermView };

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
