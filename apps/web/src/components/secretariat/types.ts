import i18n from '../../i18n';
import type { CommissionView, OfficeView, PositionView, TermView } from '#contracts';
import { ApiError, auth, type Role } from '../../api';

export type DelegateStatus = 'active' | 'suspended' | 'ceased';

export interface Province {
  code: string;
  name: string;
}

/** A delegate as the secretariat sees it (GET /api/delegates with an admin token). */
export interface DelegateRecord {
  id: string;
  fullName: string;
  constituency: Province;
  organization: string | null;
  termStart: string;
  termEnd: string;
  status: DelegateStatus;
  alternateOfId: string | null;
  alternateId: string | null;
  seated: boolean;
  statusSince: string | null;
  statusReason: string | null;
  documentId?: string;
  userId?: string | null;
  email?: string | null;
}

export interface Account {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  institutionId: string | null;
  active: boolean;
  /** Whether the account can sign in with a password of its owner's. */
  passwordSet?: boolean;
  /** An enrolment or reset code handed out and not yet used. */
  pendingEnrolment?: { purpose: 'enrolment' | 'reset'; expiresAt: string } | null;
}

/** A one-time code for the person to set their own password (shown once, never stored in clear). */
export interface IssuedEnrolment {
  code: string;
  url: string;
  purpose: 'enrolment' | 'reset';
  expiresAt: string;
}

export const INSTITUTION_KINDS = [
  'regional_government',
  'directorate',
  'health_facility',
  'body',
  'other',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface Institution {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  active: boolean;
}

export const WEBHOOK_EVENTS = ['resolution.issued', 'deadline.approaching', 'compliance.overdue'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** The catalogue's key of an event name (dots would split the key). */
export const eventKey = (event: string): string =>
  event.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());

export interface Webhook {
  id: string;
  institution: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  secretRotatedAt: string | null;
}

export interface Delivery {
  id: string;
  webhookId: string;
  institution: string;
  url: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface RowProblem {
  line: number;
  column: string | null;
  problem: string;
  message: string;
}

export interface ImportPreview {
  valid: boolean;
  columns: string[];
  rows: { line: number; values: Record<string, string> }[];
  errors: RowProblem[];
  wouldCreate: number;
  wouldLinkAccounts: number;
}

export interface ImportResult {
  created: number;
  accountsLinkedOrCreated: number;
  /** Staff accounts seated as delegates (only when confirmed). */
  staffAccountsSeated: string[];
  /** One code per account the import created, shown once. */
  enrolments?: {
    line: number;
    delegateId: string;
    fullName: string;
    email: string;
    code: string;
    url: string;
    expiresAt: string;
  }[];
}

/**
 * Sends a CSV file as text/csv (the JSON client in api.ts sends JSON only), with the person's token
 * and language; errors carry the API's code and its message, like every other request.
 */
export async function sendCsv<T>(path: string, csv: string): Promise<T> {
  const token = await auth.token();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      signal: AbortSignal.timeout(60_000),
      headers: {
        accept: 'application/json',
        'accept-language': i18n.language,
        'content-type': 'text/csv; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: csv,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const json = (await response.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      json?.code ?? 'HTTP_ERROR',
      json?.message ?? i18n.t('errors.generic'),
    );
  return json as T;
}

// ---- Positions, terms and offices (libs/contracts/src/elections.ts) ----

export type Bilingual = { es: string; en: string };
export type Commission = CommissionView;
export type Position = PositionView;
export type Term = TermView;
export type Office = OfficeView;
export { COMMISSION_RANKS, MESA_RANKS } from '#domain/elections/terms';
