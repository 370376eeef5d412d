import { assemblyToday, DomainError, isSeated, type DelegateStatus } from '#domain';
import { readDelegateRow, type DelegateRow } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

export interface DelegateView {
  id: string;
  fullName: string;
  constituency: { code: string; name: string };
  organization: string | null;
  termStart: string;
  termEnd: string;
  status: DelegateStatus;
  alternateOfId: string | null;
  alternateId: string | null;
  seated: boolean;
  /** Since when and why the delegate holds this status (public, as the record holds it; null before a dated change). */
  statusSince: string | null;
  statusReason: string | null;
  /** Only for the secretariat. */
  documentId?: string;
  userId?: string | null;
  email?: string | null;
}

/** A delegate row as the domain's seat rules read it. */
export function delegateFacts(
  row: Pick<
    DelegateRow,
    'id' | 'constituency_code' | 'status' | 'alternate_of_id' | 'term_start' | 'term_end'
  >,
) {
  return {
    id: row.id,
    constituencyCode: row.constituency_code,
    status: row.status,
    alternateOfId: row.alternate_of_id,
    termStart: row.term_start,
    termEnd: row.term_end,
  };
}

export function delegateView(row: DelegateRow, privileged: boolean): DelegateView {
  const result: DelegateView = {
    id: row.id,
    fullName: row.full_name,
    constituency: { code: row.constituency_code, name: row.constituency_name },
    organization: row.organization,
    termStart: row.term_start,
    termEnd: row.term_end,
    status: row.status,
    alternateOfId: row.alternate_of_id,
    alternateId: row.alternate_id,
    seated: isSeated(delegateFacts(row), assemblyToday()),
    statusSince: row.status_since,
    statusReason: row.status_reason,
  };
  return privileged
    ? { ...result, documentId: row.document_id, userId: row.user_id, email: row.email }
    : result;
}

export async function readDelegateView(
  source: DataSource | EntityManager,
  id: string,
  privileged: boolean,
): Promise<DelegateView> {
  const row = await readDelegateRow(source, id);
  if (!row) throw new DomainError('DELEGATE_NOT_FOUND');
  return delegateView(row, privileged);
}
