import { readdirSync, readFileSync } from 'node:fs';

function ppidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function pssKb(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** What a Chromium process is, from its command line: browser, renderer, extension, gpu-process, utility... */
function kindOf(pid: number): string {
  const cmd = cmdline(pid);
  if (cmd.includes('--extension-process')) return 'extension';
  const type = /--type=(\S+)/.exec(cmd)?.[1];
  if (!type) return cmd.includes('--user-data-dir=') ? 'browser' : 'other';
  if (type === 'utility') return `utility:${/--utility-sub-type=(\S+)/.exec(cmd)?.[1] ?? '?'}`;
  return type;
}

/**
 * Proportional set size (MiB) of a Chromium instance: the browser process started with
 * `--user-data-dir=<profile>` and every process below it (renderers, GPU, utility, the
 * extension's service worker). PSS splits shared pages fairly, so sums do not double count.
 */
export function chromiumPssMiB(profile: string): {
  total: number;
  processes: number;
  /** PSS (MiB) summed by kind of process (see {@link kindOf}). */
  byKind: Record<string, number>;
} {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const roots = pids.filter(
    (p) => cmdline(p).includes(`--user-data-dir=${profile}`) && !cmdline(p).includes('--type='),
  );
  const family = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of pids) {
      const parent = ppidOf(p);
      if (!family.has(p) && parent !== null && family.has(parent)) {
        family.add(p);
        grew = true;
      }
    }
  }
  let kb = 0;
  const byKind: Record<string, number> = {};
  for (const p of family) {
    const own = pssKb(p);
    kb += own;
    const kind = kindOf(p);
    byKind[kind] = (byKind[kind] ?? 0) + own / 1024;
  }
  return { total: kb / 1024, processes: family.size, byKind };
}
