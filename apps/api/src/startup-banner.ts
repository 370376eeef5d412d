import { relative, isAbsolute } from 'node:path';
import { DEMO_ACCOUNTS, type DemoAccess } from './demo/demo-assembly.js';

export interface BannerInput {
  /** Where the server listens, e.g. http://localhost:3000 (no trailing slash). */
  baseUrl: string;
  demo: DemoAccess | null;
  /** To show the credentials file relative to where the command was run. */
  cwd?: string;
  /** SECOND_FACTOR_ROLES (the demo's default is none, so its shared password is enough to try it). */
  secondFactorRoles?: readonly string[];
}

function shown(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/**
 * The one block printed once the API listens: what this is, where to open it, and — with a demo — who
 * to log in as and what to try. Spanish first, English beside it.
 */
export function startupBanner({
  baseUrl,
  demo,
  cwd = process.cwd(),
  secondFactorRoles,
}: BannerInput): string {
  const lines = [
    '',
    '  Asamblea Popular Regional de Cajamarca',
    '  Mociones, sesiones en vivo, votaciones nominales y resoluciones vinculantes',
    '  / Motions, live sessions, roll-call votes and binding resolutions',
    '',
    `  Abrir / Open:                          ${baseUrl}/`,
    `  Documentación de la API / API docs:    ${baseUrl}/api/docs`,
    `  (API escuchando en / listening on ${baseUrl} )`,
  ];
  if (demo) {
    lines.push(
      '',
      '  Cuentas de demostración / Demo accounts:',
      ...DEMO_ACCOUNTS.map(([email, role]) => `    ${email.padEnd(54)} ${role}`),
      demo.password === null
        ? `  Contraseña en / password in: ${shown(demo.credentialsFile, cwd)}`
        : `  Contraseña / password: ${demo.password}   (solo se muestra esta vez; guardada en / shown only now, kept in ${shown(demo.credentialsFile, cwd)})`,
      ...(secondFactorRoles?.length === 0
        ? [
            '  Verificación en dos pasos: opcional en la demostración / two-step verification: optional in the demo (SECOND_FACTOR_ROLES)',
          ]
        : []),
      '',
      '  Para probar / Try:',
      `    ${baseUrl}/mesa       como / as moderador: abrir la sesión y una votación / run the session and a vote`,
      `    ${baseUrl}/delegado   como / as delegado01, en un teléfono / on a phone: votar / vote`,
      `    ${baseUrl}/           el tablero en vivo, sin cuenta / the live board, no account needed`,
    );
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
