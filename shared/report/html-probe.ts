// The HTML report of `authtrace probe`: advertised by accepted, every check and its result, the findings.
import { count } from './escape.js';
import { h, type Markup } from './markup.js';
import type { ProbeSubject } from './subject.js';

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function probeBody(subject: ProbeSubject): { title: string; header: Markup; body: Markup } {
  const { report } = subject;
  const methods = report.methods.map(
    (m) => h`<tr data-method="${m.method}"><td class="mono">${m.method}</td><td>${m.advertised ? 'yes' : 'no'}</td><td class="mono">${m.registered ?? h`<span class="muted">${m.registrationProblem ?? 'not registered'}</span>`}</td><td><span class="badge ${m.accepted === 'accepted' ? 'ok' : m.accepted === 'refused' ? 'bad' : 'sev-skip'}">${m.accepted ?? '-'}</span></td><td class="mono">${m.alsoAcceptedWith.join(', ') || '-'}</td></tr>`,
  );
  const check = (name: string, result: 'pass' | 'fail' | 'not-probed' | 'accepted' | 'refused' | 'answered', why: string) =>
    h`<tr><td>${name}</td><td><span class="badge ${result === 'pass' || result === 'refused' ? 'ok' : result === 'fail' || result === 'accepted' ? 'bad' : 'sev-skip'}">${result}</span></td><td>${why}</td></tr>`;
  const checks = [
    check('a client it does not know', 'answered', report.unknownClient.answer),
    ...report.registrationChecks.map((c) => check(`a registration with ${c.name}`, c.accepted ? 'accepted' : 'refused', c.answer)),
    ...(report.garbageToken ? [check('a token it never issued', 'answered', report.garbageToken.answer)] : []),
    ...report.authorizationChecks.map((c) => check(`${c.probe} ${c.name}`, c.result, c.why)),
  ];
  const findings = [...report.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const header = h`<h1>Probe of ${report.server}</h1>
<div class="meta"><span class="badge ${errors ? 'bad' : 'ok'}">${findings.length ? `${count(findings.length, 'finding')}, ${count(errors, 'error')}` : 'what it accepts is what it advertises'}</span> token endpoint <span class="mono">${report.tokenEndpoint}</span> · advertised <span class="mono">${report.advertised.join(', ') || '(none)'}</span> · ${subject.startedAt}</div>`;
  const body = h`<section id="methods"><h2>Advertised by accepted</h2><table class="grid" aria-label="Advertised by accepted"><thead><tr><th>method</th><th>advertised</th><th>registered as</th><th>accepted</th><th>also accepted with</th></tr></thead><tbody>${methods}</tbody></table></section>
<section id="checks"><h2>Checks</h2><table class="grid" aria-label="Checks"><thead><tr><th>check</th><th>result</th><th>why</th></tr></thead><tbody>${checks}</tbody></table></section>
<section id="findings"><h2>Findings (${findings.length})</h2>${findings.length ? '' : h`<p class="muted">None.</p>`}${findings.map((f) => h`<article class="diag sev-${f.severity}" data-rule="${f.id}"><div><span class="badge sev-${f.severity}">${f.severity}</span> <span class="mono">${f.id}</span></div><p>${f.message}</p><div class="muted">exchanges ${f.exchangeIds.join(', ')}</div></article>`)}
${report.discovery.length ? h`<h3>Discovery</h3>${report.discovery.map((d) => h`<article class="diag sev-${d.severity}" data-rule="${d.rule}"><span class="badge sev-${d.severity}">${d.severity}</span> <span class="mono">${d.rule}</span> ${d.title}</article>`)}` : ''}</section>`;
  return { title: `Authtrace probe: ${report.server}`, header, body };
}
