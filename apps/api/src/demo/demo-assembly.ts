import { seedDemoRoster, type DemoRoster, type DemoSeat } from '#application';
import type { AppConfig } from '#config';
import { RulesService } from '../rules/rules.service.js';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { seedDemoMesa } from './demo-mesa.js';
import { seedDemoMotions } from './demo-motions.js';
import { seedDemoSession } from './demo-session.js';

/** Seats per province (ubigeo), roughly by population; 54 titulars. */
const SEATS: [string, number][] = [
  ['0601', 8],
  ['0608', 6],
  ['0604', 6],
  ['0606', 5],
  ['0609', 5],
  ['0607', 4],
  ['0603', 4],
  ['0602', 3],
  ['0610', 3],
  ['0613', 3],
  ['0611', 3],
  ['0605', 2],
  ['0612', 2],
];
/** Provinces whose first titular has an alternate (suplente): 6 more delegates, 60 in all. */
const WITH_ALTERNATE = ['0601', '0608', '0604', '0606', '0603', '0607'];

const GIVEN = [
  'Rosa',
  'Juan',
  'María',
  'Segundo',
  'Carmen',
  'José',
  'Elena',
  'Wilmer',
  'Nelly',
  'Santos',
  'Doris',
  'Hernán',
  'Lucía',
  'Teófilo',
  'Marleny',
  'Edilberto',
  'Yolanda',
  'Alindor',
  'Flor',
  'Porfirio',
];
const SURNAMES = [
  'Quispe',
  'Huamán',
  'Chávez',
  'Vásquez',
  'Cabrera',
  'Díaz',
  'Terrones',
  'Alcántara',
  'Cerdán',
  'Chuquilín',
  'Mendoza',
  'Rojas',
  'Tantaleán',
  'Bazán',
  'Llanos',
  'Idrogo',
  'Sánchez',
  'Guevara',
  'Mego',
  'Tucto',
  'Infante',
];
const ORGANIZATIONS = [
  'Central Única de Rondas Campesinas',
  'Federación Regional de Mujeres',
  'Junta de Usuarios de Riego',
  'Frente de Defensa de los Intereses del Pueblo',
  'Cooperativa Agraria Cafetalera',
  'Asociación de Productores Lecheros',
  'Comunidad Campesina',
  'Sindicato Unitario de Trabajadores en la Educación',
  'Organización de Jóvenes',
  'Vaso de Leche',
];

const TERM = { termStart: '2026-01-01', termEnd: '2028-12-31' };

/** Admin, moderator, the DIRESA liaison, then the 60 delegates: titulars province by province, then alternates. */
function demoRoster(): DemoRoster {
  const seats: DemoSeat[] = [];
  let n = 0;
  const firstByProvince = new Map<string, string>();
  const seat = (constituencyCode: string, alternateOfDocumentId: string | null): string => {
    n += 1;
    const number = String(n).padStart(2, '0');
    const fullName = `${GIVEN[(n * 7) % GIVEN.length]} ${SURNAMES[(n * 5) % SURNAMES.length]} ${SURNAMES[(n * 11 + 3) % SURNAMES.length]}`;
    const documentId = String(40_000_000 + n * 7919);
    seats.push({
      fullName,
      documentId,
      constituencyCode,
      organization: ORGANIZATIONS[n % ORGANIZATIONS.length]!,
      ...TERM,
      alternateOfDocumentId,
      email: `delegado${number}@asamblea.local`,
    });
    return documentId;
  };
  for (const [province, count] of SEATS) {
    for (let i = 0; i < count; i += 1) {
      const documentId = seat(province, null);
      if (i === 0) firstByProvince.set(province, documentId);
    }
  }
  for (const province of WITH_ALTERNATE) seat(province, firstByProvince.get(province)!);
  return {
    accounts: [
      { email: 'admin@asamblea.local', displayName: 'Secretaría Técnica', roles: ['admin'] },
      {
        email: 'moderador@asamblea.local',
        displayName: 'Presidencia de la Mesa Directiva',
        roles: ['moderator'],
      },
      {
        email: 'enlace.diresa@asamblea.local',
        displayName: 'Enlace DIRESA Cajamarca',
        roles: ['liaison'],
        institutionCode: 'DIRESA',
      },
    ],
    seats,
  };
}

/**
 * A live-looking assembly for a newcomer: admin, moderator, an institution liaison and 60 delegates
 * (54 titulars over the 13 provinces, 6 alternates), all with one password. Only into an empty
 * database, and never in production (the configuration refuses ASAMBLEA_DEMO there).
 */
/** Seeds the demo into an empty database; answers the password when it did (null: already there). */
export async function seedDemoAssembly(app: INestApplication, config: AppConfig): Promise<string | null> {
  const hasher = app.get(PasswordHasher);
  const password = config.demoPassword ?? randomBytes(9).toString('base64url');
  const seeded = await app
    .get(UseCaseRunner)
    .run((uow) => seedDemoRoster(uow, demoRoster(), () => hasher.hash(password)));

  if (!seeded) return null;
  await seedDemoMotions(app, (await app.get(RulesService).current()).cosponsorThreshold);
  await seedDemoSession(app);
  await seedDemoMesa(app);
  const lines = [
    'Asamblea de demostración / Demo assembly',
    ...DEMO_ACCOUNTS.map(([email, role]) => `  ${email.padEnd(54)} ${role}`),
    `Contraseña / password: ${password}`,
  ];
  // With DATABASE_URL nothing else creates DATA_DIR (no embedded PostgreSQL, JWT_SECRET given).
  mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
  writeFileSync(demoCredentialsPath(config), `${lines.join('\n')}\n`, { mode: 0o600 });
  return password;
}

/** Where the demo password is kept (the startup banner points at it). */
export function demoCredentialsPath(config: Pick<AppConfig, 'dataDir'>): string {
  return join(config.dataDir, 'demo-credentials.txt');
}

/** The demo's accounts, as the startup banner and the credentials file name them. */
export const DEMO_ACCOUNTS: readonly (readonly [string, string])[] = [
  ['admin@asamblea.local', 'Secretaría Técnica (admin)'],
  ['moderador@asamblea.local', 'Mesa Directiva (moderator)'],
  ['enlace.diresa@asamblea.local', 'enlace DIRESA / DIRESA liaison'],
  ['delegado01@asamblea.local … delegado60@asamblea.local', 'delegados / delegates'],
];

export interface DemoAccess {
  credentialsFile: string;
  /** Only on the start that seeded the demo: the password is shown once, then read from the file. */
  password: string | null;
}

/** What the banner says about the demo: when it was just seeded or its credentials file exists. */
export function demoAccess(
  config: Pick<AppConfig, 'dataDir'>,
  seededPassword: string | null,
): DemoAccess | null {
  const credentialsFile = demoCredentialsPath(config);
  if (seededPassword === null && !existsSync(credentialsFile)) return null;
  return { credentialsFile, password: seededPassword };
}
