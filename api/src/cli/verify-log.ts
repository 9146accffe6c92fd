import { resolve } from 'node:path';
import { LogMismatchError, monitorLog } from '../log/log-monitor';
import { VERIFY_LOG_MODES, type VerifyLogMode } from './verify-log-modes';

const USAGE = [
  `usage: pnpm verify-log URL [--key VKEY] [--state FILE]${VERIFY_LOG_MODES.map((m) => ` [${m.usage}]`).join('')}`,
  '  URL    the Counterweight API, e.g. http://127.0.0.1:8787',
  '  VKEY   the log verifier key <name>+<hash>+<base64>, obtained out of band (else trusted on first use)',
  '  FILE   JSON state: the last checkpoint seen (and the pinned key); created or updated on success',
].join('\n');

export interface VerifyLogIo {
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

interface Args {
  url: string;
  key?: string;
  state?: string;
  modes: { mode: VerifyLogMode; args: string[] }[];
}

function parse(argv: string[], modes: VerifyLogMode[]): Args | string {
  const positional: string[] = [];
  const args: Partial<Args> & { modes: Args['modes'] } = { modes: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const mode = modes.find((m) => m.flag === arg);
    if (arg === '--key' || arg === '--state') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      args[arg === '--key' ? 'key' : 'state'] = value;
    } else if (mode) {
      const values = argv.slice(i + 1, i + 1 + mode.arity);
      if (values.length < mode.arity || values.some((v) => v.startsWith('--')))
        return `usage: ${mode.usage}`;
      args.modes.push({ mode, args: values });
      i += mode.arity;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1)
    return positional.length === 0 ? 'missing URL' : `unexpected ${positional[1]}`;
  try {
    const url = new URL(positional[0]!);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'URL must be http(s)';
  } catch {
    return `not a URL: ${positional[0]}`;
  }
  return { ...args, url: positional[0]! };
}

/**
 * `pnpm verify-log URL [--key VKEY] [--state FILE] [mode…]`: exit 0 when the log verifies,
 * 1 on any mismatch (with the reason), 2 on a usage or network error.
 */
export async function verifyLogCli(
  argv: string[],
  io: VerifyLogIo,
  modes: VerifyLogMode[] = VERIFY_LOG_MODES,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const args = parse(argv, modes);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  try {
    const result = await monitorLog({
      baseUrl: args.url,
      verifierKey: args.key,
      // pnpm runs package scripts in the package folder; INIT_CWD is where the user typed the command.
      stateFile:
        args.state === undefined
          ? undefined
          : resolve(process.env.INIT_CWD ?? process.cwd(), args.state),
      keepEntries: args.modes.length > 0,
      fetch: io.fetch,
      say: io.out,
    });
    let ok = true;
    for (const { mode, args: modeArgs } of args.modes) {
      const outcome = await mode.run({
        baseUrl: args.url,
        verifierKey: result.verifierKey,
        checkpoint: result.checkpoint,
        entries: result.entries ?? [],
        args: modeArgs,
      });
      for (const line of outcome.lines) (outcome.ok ? io.out : io.err)(line);
      ok &&= outcome.ok;
    }
    if (!ok) return 1;
    io.out(`OK: the log at ${args.url} verifies at tree size ${result.checkpoint.size}`);
    return 0;
  } catch (error) {
    if (error instanceof LogMismatchError) {
      io.err(`FAILED: ${error.message}`);
      return 1;
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      error instanceof TypeError && error.message === 'fetch failed'
        ? `cannot reach ${args.url} (${cause?.code ?? cause?.message ?? 'network error'})`
        : error instanceof Error
          ? error.message
          : String(error);
    io.err(`ERROR: ${reason}`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  verifyLogCli(process.argv.slice(2), { out: console.log, err: console.error }).then((code) =>
    process.exit(code),
  );
}
