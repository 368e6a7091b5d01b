// The HTML report of a flow (run, lint): outcome, steps, diagram, auth method card, diagnostics, exchanges.
import type { HarEntry, HarNameValue } from '../har/types.js';
import type { Diagnostic, Evidence, Step } from '../model.js';
import { authMethodCard, isPicture } from './html-auth-card.js';
import { count } from './escape.js';
import { externalLink, h, type Markup } from './markup.js';
import { sequenceDiagram } from './sequence-diagram.js';
import { failsAt, type FlowSubject } from './subject.js';

/** Bodies beyond this are cut in the page (the HAR has them whole). */
const BODY_CHARS = 64 * 1024;

const STATUS_MARK: Record<Step['status'], string> = { done: '✓', failed: '✗', skipped: '–', pending: '·', ready: '·', running: '…' };

type Anchors = ReadonlyMap<string, number>;

function exchangeLink(id: string, anchors: Anchors): Markup {
  const index = anchors.get(id);
  return index === undefined ? h`<span class="mono">${id}</span>` : h`<a class="mono" href="#x-${index}">${id}</a>`;
}

function stepsTable(steps: readonly Step[], anchors: Anchors): Markup {
  const rows = steps.map((s) => {
    const detail = s.error
      ? h`<div class="error-text"><span class="mono">${s.error.code}</span> ${s.error.message}</div>${s.error.hint ? h`<div class="hint">${s.error.hint}</div>` : ''}${s.summary ? h`<div class="muted">${s.summary}</div>` : ''}`
      : h`${s.summary ?? ''}`;
    return h`<tr data-step="${s.name}" data-status="${s.status}"><td><span class="badge st-${s.status}">${STATUS_MARK[s.status]} ${s.status}</span></td><td class="mono">${s.name}</td><td>${detail}</td><td>${s.exchangeIds.map((id, i) => h`${i ? ', ' : ''}${exchangeLink(id, anchors)}`)}</td><td class="num">${s.durationMs === undefined ? '' : `${s.durationMs} ms`}</td></tr>`;
  });
  return h`<section id="steps"><h2>Steps</h2><table class="grid" aria-label="Steps"><thead><tr><th>status</th><th>step</th><th>what happened</th><th>requests</th><th>time</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function evidenceItem(e: Evidence, anchors: Anchors): Markup {
  const loc = e.location;
  const where = 'name' in loc ? `${loc.kind} ${loc.name}` : 'pointer' in loc ? `${loc.kind} ${loc.pointer}` : 'field' in loc ? `${loc.kind} ${loc.field}` : loc.kind;
  return h`<li>${e.exchangeId ? h`${exchangeLink(e.exchangeId, anchors)} ` : ''}<span class="muted">${where}</span>${e.value !== undefined ? h` <code>${e.value}</code>` : ''}</li>`;
}

function diagnosticsSection(diagnostics: readonly Diagnostic[], subject: FlowSubject, anchors: Anchors): Markup {
  const items = diagnostics.map(
    (d) => h`<article class="diag sev-${d.severity}" data-rule="${d.rule}">
<div><span class="badge sev-${d.severity}">${d.severity}</span> <span class="mono">${d.rule}</span> <span class="title">${d.title}</span>${d.step ? h` <span class="muted">at ${d.step}</span>` : ''}${failsAt(d.severity, subject.threshold) ? '' : h` <span class="muted">(below --fail-on)</span>`}</div>
<p>${d.message}</p>
${d.symptom ? h`<p class="muted">The client says: <code>${d.symptom}</code></p>` : ''}
${d.evidence.length ? h`<ul aria-label="Evidence">${d.evidence.map((e) => evidenceItem(e, anchors))}</ul>` : ''}
<div class="muted">${d.spec.ref}: ${externalLink(d.spec.url)}</div>
</article>`,
  );
  const empty = diagnostics.length === 0 ? h`<p class="muted">No diagnostic fired.</p>` : '';
  return h`<section id="diagnostics"><h2>Diagnostics (${diagnostics.length})</h2>${empty}${items}</section>`;
}

function headerRows(headers: readonly HarNameValue[]): Markup {
  if (headers.length === 0) return h`<div class="muted">none</div>`;
  return h`<table><tbody>${headers.map((x) => h`<tr><td class="k">${x.name}</td><td>${x.value}</td></tr>`)}</tbody></table>`;
}

function body(text: string | undefined, label: string): Markup {
  if (text === undefined || text === '') return h``;
  const cut = text.length > BODY_CHARS;
  return h`<h3>${label}</h3><pre>${cut ? text.slice(0, BODY_CHARS) : text}</pre>${cut ? h`<div class="muted">cut at ${BODY_CHARS} characters of ${text.length}; the HAR has it all</div>` : ''}`;
}

function exchange(entry: HarEntry, index: number): Markup {
  const ext = entry._authtrace;
  const res = entry.response;
  const noResponse = res.status === 0;
  const status = noResponse ? (ext?.outcome === 'opened-in-browser' ? 'browser' : 'failed') : String(res.status);
  const bad = noResponse ? ext?.outcome !== 'opened-in-browser' : res.status >= 400;
  return h`<details class="exchange" id="x-${index}" data-exchange="${ext?.id ?? String(index)}">
<summary><span class="muted">${ext?.id ?? index + 1}</span><span>${entry.request.method}</span><span class="${bad ? 'bad' : 'ok'}">${status}</span><span class="muted">${ext?.step ?? ''}</span><span class="u">${entry.request.url}</span><span class="muted">${Math.round(entry.time)} ms</span></summary>
<div class="exchange-body">
<div><h3>Request</h3><div class="mono">${entry.request.method} ${entry.request.url}</div><h3>Headers</h3>${headerRows(entry.request.headers)}${body(entry.request.postData?.text, 'Body')}</div>
<div><h3>Response</h3>${noResponse ? h`<div class="error-text">${res._error ?? ext?.note ?? 'no response'}</div>` : h`<div class="mono">${res.status} ${res.statusText}</div><h3>Headers</h3>${headerRows(res.headers)}${body(res.content.text, 'Body')}`}</div>
</div>
</details>`;
}

export function flowBody(subject: FlowSubject): { title: string; header: Markup; body: Markup } {
  const ext = subject.har.log._authtrace;
  const entries = subject.har.log.entries;
  const anchors: Anchors = new Map(entries.map((e, i) => [e._authtrace?.id ?? '', i]));
  const failed = ext.steps.find((s) => s.status === 'failed');
  const errors = ext.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = ext.diagnostics.filter((d) => d.severity === 'warning').length;
  const target = ext.config.target.kind === 'mcp' ? ext.config.target.url : ext.config.target.issuer;
  const what = subject.command === 'run' ? 'Run against' : 'Lint of';
  const source = subject.command === 'run' ? target : subject.source;
  const header = h`<h1>${what} ${source}</h1>
<div class="meta">${failed ? h`<span class="badge bad" data-outcome="failed">failed at ${failed.name}</span>` : h`<span class="badge ok" data-outcome="completed">flow completed</span>`}
 ${count(errors, 'error')}, ${count(warnings, 'warning')} · revision ${ext.revision} · ${count(entries.length, 'request')} · ${subject.startedAt}${subject.command === 'lint' ? h` · target ${target}` : ''}</div>`;
  const card = isPicture(ext.authMethod) ? authMethodCard(ext.authMethod, ext.client, ext.diagnostics) : '';
  const body = h`${stepsTable(ext.steps, anchors)}
<section id="sequence"><h2>Sequence</h2>${entries.length ? sequenceDiagram(entries) : h`<p class="muted">No request.</p>`}</section>
${card}
${diagnosticsSection(ext.diagnostics, subject, anchors)}
<section id="exchanges"><h2>Exchanges (${entries.length})</h2><p class="muted">Secrets are redacted as in the HAR export: each becomes a marker, the same for the same value within this report.</p>${entries.map(exchange)}</section>`;
  return { title: `Authtrace ${subject.command}: ${source}`, header, body };
}
