import 'reflect-metadata';
import { loadConfigOrExit } from '#config';
import { isRole, type Role } from '#domain';
import { connectDatabase, migrateDatabase, readInstitutionByCode, readUserByEmail } from '#persistence';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { CredentialsService } from './credentials/credentials.service.js';
import { UsersService } from './users/users.service.js';

const USAGE = `Usage:
  npm run cli -- create-user --email EMAIL --role ROLE [--role ROLE…] [--name NAME] [--password PASSWORD] [--institution CODE]
  npm run cli -- set-password --email EMAIL [--password PASSWORD]
  npm run cli -- issue-enrolment --email EMAIL
  npm run cli -- list-users
Without --password a strong one is generated and printed once (or read from ASAMBLEA_PASSWORD).
issue-enrolment prints a one-time code (and its link) with which the person sets their own password;
for an account that has one it is a reset. Every password set here is public (account.password_set).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
        password: { type: 'string' },
        institution: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const command = positionals[0];
if (values.help || !command) fail('Asamblea admin CLI');
if (!['create-user', 'set-password', 'issue-enrolment', 'list-users'].includes(command))
  fail(`Unknown command "${command}"`);

const config = loadConfigOrExit({ ...process.env, ASAMBLEA_DEMO: 'false' });
const database = await connectDatabase(config, {
  info: () => undefined,
  warn: (m) => process.stderr.write(`${m}\n`),
});
// The schema first: the application context expects every table to exist.
await migrateDatabase(database);
const app = await NestFactory.createApplicationContext(
  AppModule.forRoot({ ...config, logLevel: 'warn' }, database.url),
  {
    logger: ['error', 'warn'],
  },
);
let exitCode = 0;
try {
  const dataSource = app.get(DataSource);
  const users = app.get(UsersService);
  const password = values.password ?? process.env.ASAMBLEA_PASSWORD ?? randomBytes(12).toString('base64url');
  const generated = !values.password && !process.env.ASAMBLEA_PASSWORD;
  if (password.length < 10) fail('--password must be at least 10 characters long');

  if (command === 'list-users') {
    for (const user of await users.list()) {
      process.stdout.write(
        `${user.email}\t${user.roles.join(',')}\t${user.active ? 'active' : 'inactive'}\n`,
      );
    }
  } else {
    if (!values.email) fail('--email is required');
    const email = values.email.trim().toLowerCase();
    if (command === 'create-user') {
      const roles = values.role ?? [];
      if (roles.length === 0) fail('at least one --role is required (admin, moderator, delegate, liaison)');
      const unknown = roles.filter((role) => !isRole(role));
      if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')}`);
      let institutionId: string | null = null;
      if (values.institution) {
        const institution = await readInstitutionByCode(dataSource, values.institution);
        if (!institution) fail(`no institution with code ${values.institution}`);
        institutionId = institution.id;
      }
      const user = await users.create({
        email,
        displayName: values.name ?? email,
        password,
        roles: roles as Role[],
        institutionId,
      });
      process.stdout.write(`Created ${user.email} (${user.roles.join(', ')}) id=${user.id}\n`);
    } else if (command === 'issue-enrolment') {
      const user = await readUserByEmail(dataSource, email);
      if (!user) fail(`no account with email ${email}`);
      const issued = await app.get(CredentialsService).issue(null, user.id);
      process.stdout.write(
        `${issued.purpose === 'reset' ? 'Reset' : 'Enrolment'} code for ${email}: ${issued.code}\n` +
          `Link: ${issued.url}\nValid until ${issued.expiresAt.toISOString()}\n`,
      );
    } else {
      const user = await readUserByEmail(dataSource, email);
      if (!user) fail(`no account with email ${email}`);
      await users.setPasswordAsOperator(user.id, password);
      process.stdout.write(`Password set for ${email}; its sessions were ended.\n`);
    }
    if (generated && command !== 'issue-enrolment') process.stdout.write(`Password: ${password}\n`);
  }
} catch (error) {
  const code = (error as { code?: string }).code;
  process.stderr.write(`Failed: ${code ?? (error as Error).message}\n`);
  exitCode = 1;
} finally {
  await app.close();
  await database.stop();
}
process.exit(exitCode);
