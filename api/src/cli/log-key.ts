import { generateNoteKey } from '@counterweight/shared';

const USAGE = 'usage: pnpm --silent --filter @counterweight/api log-key ORIGIN';

/**
 * `pnpm log-key ORIGIN`: prints a new Ed25519 signer key for the log named ORIGIN on stdout (the
 * value of `COUNTERWEIGHT_LOG_KEY`, to give every API instance of one database the same key) and
 * its verifier key on stderr (to publish for auditors). Exit 2 on a bad origin.
 */
export async function logKeyCli(
  argv: string[],
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith('-')) {
    io.err(USAGE);
    return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  try {
    const { signerKey, verifierKey } = await generateNoteKey(argv[0]!);
    io.out(signerKey);
    io.err(`verifier key (publish it for auditors): ${verifierKey}`);
    return 0;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  logKeyCli(process.argv.slice(2), { out: console.log, err: console.error }).then((code) =>
    process.exit(code),
  );
}
