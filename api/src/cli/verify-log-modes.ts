import type { Checkpoint } from '@counterweight/shared';
import { peerMode } from './verify-log-peer';
import { reportMode } from './verify-report';

/** What an extra mode gets once the log itself has verified. */
export interface VerifyLogModeInput {
  baseUrl: string;
  /** The verifier key the checkpoint was opened with (pinned, or trusted on first use). */
  verifierKey: string;
  /** The signed checkpoint just verified. */
  checkpoint: Checkpoint;
  /** Every entry `[0, checkpoint.size)` with the exact bytes hashed (already verified). */
  entries: readonly { index: number; data: Uint8Array }[];
  /** The mode's own arguments, e.g. `[FROM, TO]` for `--report FROM TO`. */
  args: string[];
}

/**
 * An extra check of `verify-log`, selected by a flag with a fixed number of arguments, run after
 * the log verified (signature, full recomputation, consistency with the state file). It answers
 * lines to print and whether everything matched; a mismatch makes the CLI exit 1.
 */
export interface VerifyLogMode {
  flag: `--${string}`;
  arity: number;
  /** Shown in the usage line, e.g. `--report FROM TO`. */
  usage: string;
  run(input: VerifyLogModeInput): Promise<{ ok: boolean; lines: string[] }>;
}

/**
 * The registered modes: `--report FROM TO` recomputes a transparency report (verify-report.ts);
 * `--peer URL` checks that another instance serves the same log (verify-log-peer.ts).
 */
export const VERIFY_LOG_MODES: VerifyLogMode[] = [reportMode, peerMode];
