import type { ProbeReport } from '../../shared/contract.js';
import { cancelProbe, openSession, planProbe, runProbe } from '../state/actions.js';
import { useStore } from '../state/store.js';

const RESULT_TEXT: Record<ProbeReport['authorizationChecks'][number]['result'], string> = { pass: 'pass', fail: 'FAIL', 'not-probed': 'not probed' };

function MethodTable({ report }: { report: ProbeReport }) {
  return (
    <table className="grid probe-methods" aria-label="Token endpoint authentication: advertised and accepted">
      <caption className="muted">Token endpoint client authentication at {report.tokenEndpoint}</caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">Advertised</th>
          <th scope="col">Registered as</th>
          <th scope="col">Accepted</th>
          <th scope="col">Also accepted with</th>
        </tr>
      </thead>
      <tbody>
        {report.methods.map((m) => (
          <tr key={m.method} data-method={m.method}>
            <td className="mono">{m.method}</td>
            <td>{m.advertised ? 'yes' : 'no'}</td>
            <td className="mono ellipsis" title={m.registrationProblem}>{m.registered ?? m.registrationProblem ?? '—'}</td>
            <td className={m.accepted === 'accepted' ? 'outcome completed' : m.accepted === 'refused' ? 'outcome failed' : 'muted'}>{m.accepted ?? '—'}</td>
            <td className="mono">{m.alsoAcceptedWith.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CheckTable({ report }: { report: ProbeReport }) {
  // These probes give one answer each: a finding above info says it was the wrong one.
  const verdict = (...ids: string[]) => (report.findings.some((f) => ids.includes(f.id) && f.severity !== 'info') ? 'fail' : 'pass');
  const rows = [
    { key: 'unknown', probe: 'PRB-06', name: 'a client it does not know', result: verdict('PRB-06'), why: report.unknownClient.answer },
    ...report.registrationChecks.map((c) => ({ key: c.name, probe: 'PRB-08', name: `a registration with ${c.name}`, result: c.accepted ? 'fail' : 'pass', why: `${c.accepted ? 'accepted' : 'refused'} (${c.answer})` })),
    ...(report.garbageToken ? [{ key: 'garbage', probe: 'PRB-07', name: 'a token it never issued', result: verdict('PRB-07'), why: report.garbageToken.answer }] : []),
    ...report.authorizationChecks.map((c) => ({ key: `${c.probe}-${c.name}`, probe: c.probe, name: c.name, result: c.result, why: c.why })),
  ] as const;
  return (
    <table className="grid probe-checks" aria-label="What the server does">
      <thead>
        <tr>
          <th scope="col">Probe</th>
          <th scope="col">Check</th>
          <th scope="col">Result</th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-probe={r.probe} data-result={r.result}>
            <td className="mono">{r.probe}</td>
            <td>{r.name}</td>
            <td className={r.result === 'pass' ? 'outcome completed' : r.result === 'fail' ? 'outcome failed' : 'muted'}>{RESULT_TEXT[r.result as keyof typeof RESULT_TEXT]}</td>
            <td className="ellipsis" title={r.why}>{r.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Findings({ report }: { report: ProbeReport }) {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...report.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (findings.length === 0) return <p className="empty">What it accepts is what it advertises, and every check passed.</p>;
  return (
    <ul className="probe-findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i} className={`diag sev-${f.severity}`}>
          <span className={`sev-dot sev-${f.severity}`} aria-hidden="true" />
          <span className="mono rule-id">{f.id}</span>
          <span className="probe-severity">{f.severity}</span>
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The probe of the toolbar's target: first what it will do (it registers clients there), then, once
 * agreed, what the server accepts beside what it advertises, and what it does at each check.
 */
export function ProbePanel() {
  const probe = useStore((s) => s.probe);
  const busy = useStore((s) => s.busy);
  const target = useStore((s) => (s.draft.targetKind === 'sandbox' ? `the sandbox (${s.draft.profile})` : s.draft.url || 'the target'));
  return (
    <div className="probe">
      <div className="panel-actions">
        <button type="button" disabled={!!busy} onClick={() => void planProbe()}>
          Probe {target}…
        </button>
        <span className="muted">What the server really accepts: every auth method, PKCE, redirect URIs, iss, audience, refresh rotation (authtrace probe).</span>
      </div>
      {probe?.plan &&
        (probe.plan.ok ? (
          <div className="probe-plan" role="alertdialog" aria-label="What the probe will do">
            <p>
              {probe.plan.plan} It sends nothing outside the server’s own endpoints; the clients it registers are named “Authtrace probe”.
            </p>
            <div className="row-actions">
              <button type="button" className="primary" disabled={!!busy} onClick={() => void runProbe()}>
                Go ahead
              </button>
              <button type="button" disabled={!!busy} onClick={cancelProbe}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <p className="callout error probe-plan" role="alert">
            The probe cannot start at {probe.plan.server}: {probe.plan.problem}.
          </p>
        ))}
      {probe?.report ? (
        <div className="probe-report">
          <div className="panel-actions">
            <span className="mono muted">{probe.report.server}</span>
            <button type="button" disabled={!!busy} onClick={() => void openSession(probe.report.sessionId)}>
              Open the probe’s session
            </button>
          </div>
          <Findings report={probe.report} />
          <MethodTable report={probe.report} />
          <CheckTable report={probe.report} />
        </div>
      ) : (
        !probe && <p className="empty">Not run yet. The probe says what it will do and waits for your go-ahead.</p>
      )}
    </div>
  );
}
