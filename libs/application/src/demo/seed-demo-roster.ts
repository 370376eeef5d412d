import type { Role } from '#domain';
import { countAccounts, demoInstitutionId, insertUser, lockDemoSeeding } from '#persistence';
import { seatDelegate, type DelegateInput } from '../delegates/seat-delegate.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface DemoAccount {
  email: string;
  displayName: string;
  roles: Role[];
  /** A liaison's institution, by code. */
  institutionCode?: string;
}

/** A delegate of the demo with an account of the same email; an alternate names their titular's document. */
export interface DemoSeat extends Omit<DelegateInput, 'alternateOfId' | 'email'> {
  email: string;
  alternateOfDocumentId: string | null;
}

export interface DemoRoster {
  accounts: DemoAccount[];
  /** Titulars before the alternates that name them. */
  seats: DemoSeat[];
}

/**
 * Creates the demo's accounts (all with one password hash) and seats its delegates through the same
 * use case as the secretariat, in one transaction; only into a database without accounts. False when
 * there were accounts already (another process seeded, or it is not a fresh database).
 */
export async function seedDemoRoster(
  uow: UnitOfWork,
  roster: DemoRoster,
  // Asked only for an empty database: hashing costs ~0.2 s that every later start would pay for nothing.
  passwordHash: () => Promise<string>,
): Promise<boolean> {
  const { m } = uow;
  await lockDemoSeeding(m);
  if ((await countAccounts(m)) > 0) return false;
  const hash = await passwordHash();
  const account = async (email: string, displayName: string, roles: Role[], institutionId: string | null) => {
    await insertUser(m, { email, displayName, passwordHash: hash, roles, institutionId, active: true });
  };
  for (const { email, displayName, roles, institutionCode } of roster.accounts) {
    const institutionId = institutionCode ? await demoInstitutionId(m, institutionCode) : null;
    await account(email, displayName, roles, institutionId);
  }
  const idsByDocument = new Map<string, string>();
  for (const { email, alternateOfDocumentId, ...delegate } of roster.seats) {
    await account(email, delegate.fullName, ['delegate'], null);
    const { id } = await seatDelegate(uow, {
      ...delegate,
      alternateOfId: alternateOfDocumentId ? idsByDocument.get(alternateOfDocumentId)! : null,
      email,
    });
    idsByDocument.set(delegate.documentId, id);
  }
  return true;
}
