import { parseArgs } from 'node:util';
import { ROLES, Role } from '@counterweight/shared/auth';
import { createToken } from '../auth/tokens';
import { DataDirBusyError } from '../db/data-dir-lock';
import { openDatabase } from '../db/open';
import { EnvError, parseEnv } from '../env';

const USAGE = `usage: pnpm run token --role ROLE [--name NAME]\n  ROLE: ${ROLES.join(', ')}`;

/**
 * `pnpm run token --role ROLE [--name NAME]`: creates an API token in the database the
 * environment points at and prints it on the last line of stdout.
 */
async function main(): Promise<number> {
  let values: { role?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const role = Role.safeParse(values.role);
  if (!role.success) {
    console.error(
      `${values.role === undefined ? 'missing --role' : `unknown role "${values.role}"`}\n${USAGE}`,
    );
    return 2;
  }
  const name = values.name?.trim() || null;
  if (name !== null && name.length > 100) {
    console.error('--name: at most 100 characters');
    return 2;
  }
  const env = parseEnv();
  const db = await openDatabase(env);
  try {
    const issued = await createToken(db, role.data, name);
    const where =
      db.kind === 'pglite'
        ? `PGlite in ${env.COUNTERWEIGHT_DATA_DIR}`
        : 'PostgreSQL (DATABASE_URL)';
    console.log(
      `Created a ${issued.role} token${name ? ` for ${name}` : ''} (id ${issued.tokenId}) in ${where}. It is shown once:`,
    );
    console.log(issued.token);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof DataDirBusyError || error instanceof EnvError ? error.message : error,
    );
    process.exit(1);
  },
);
