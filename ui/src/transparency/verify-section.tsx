import { useState, type FormEvent } from 'react';
import type { TransparencyReport } from '@counterweight/shared/transparency';
import type { LogClient } from '@counterweight/shared/transparency-audit';
import { pinnedKey, rememberKey } from './pinned-key';
import { verifyLogAndReport, type CheckLine } from './verification';

type State = 'idle' | 'running' | 'ok' | 'failed';

/**
 * The auditor's check of the log and of the report shown. The verifier key is theirs: pasted
 * from where the operator published it elsewhere, or pinned in this browser, and never filled in
 * from this server, since a key fetched from the server under audit proves nothing.
 */
export function VerifySection({
  client,
  report,
}: {
  client: LogClient;
  report: TransparencyReport | null;
}) {
  const [key, setKey] = useState(() => pinnedKey(localStorage));
  const [pin, setPin] = useState(() => pinnedKey(localStorage) !== '');
  const [sample, setSample] = useState('16');
  const [state, setState] = useState<State>('idle');
  const [status, setStatus] = useState('');
  const [lines, setLines] = useState<CheckLine[]>([]);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    setLines([]);
    setState('running');
    setStatus('Verifying…');
    try {
      rememberKey(localStorage, trimmed, pin);
      const size = Math.min(200, Math.max(1, Number(sample) || 16));
      const result = await verifyLogAndReport(client, trimmed, size, report, setStatus);
      setLines(result.lines);
      setState(result.ok ? 'ok' : 'failed');
      setStatus(
        result.ok
          ? 'Verified: the log and the report check out.'
          : 'Verification FAILED: see the items marked ✘.',
      );
    } catch (error) {
      setState('failed');
      setStatus(`Verification FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify</h2>
      <p className="hint" id="verify-why">
        Checks, in this browser, the signature of the log's latest checkpoint with the key below,
        the inclusion proofs of a random sample of entries, and recomputes every figure of the
        report shown above (first decisions and outcomes after appeal included) from the log
        entries. The key is not filled in from this server: a key fetched from the server being
        verified proves nothing. Paste the key you obtained out of band (published by the operator
        elsewhere), or pin it in this browser once.
      </p>
      <form id="verify-form" className="filters" onSubmit={(e) => void verify(e)}>
        <label className="wide">
          Verifier key{' '}
          <input
            name="key"
            id="verifier-key"
            size={60}
            spellCheck={false}
            autoComplete="off"
            required
            aria-describedby="verify-why"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        <label>
          Sample{' '}
          <input
            name="sample"
            type="number"
            min={1}
            max={200}
            value={sample}
            onChange={(e) => setSample(e.target.value)}
          />
        </label>
        <label className="check">
          <input
            name="pin"
            id="pin-key"
            type="checkbox"
            checked={pin}
            onChange={(e) => setPin(e.target.checked)}
          />{' '}
          Pin this key in this browser
        </label>
        <button type="submit" id="verify" disabled={state === 'running'}>
          Verify
        </button>
      </form>
      <p
        id="verify-status"
        className="status"
        role="status"
        aria-live="polite"
        data-state={state === 'idle' ? undefined : state}
      >
        {status}
      </p>
      <ul id="verify-results" className="results">
        {lines.map((line, i) => (
          <li key={i} className={line.ok ? 'ok' : 'failed'}>
            {`${line.ok ? '✔' : '✘'} ${line.text}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
