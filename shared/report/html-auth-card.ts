// The auth method card of the app (advertised, registered, used) as static HTML.
import type { AuthMethodPicture, Disagreement, TokenAttempt } from '../interpret/auth-method.js';
import type { ClientRecord, Diagnostic } from '../model.js';
import { h, type Markup } from './markup.js';

/** The HAR block holds the picture as exported, or whatever a file claimed: only a real picture is drawn. */
export function isPicture(value: unknown): value is AuthMethodPicture {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof AuthMethodPicture, unknown>>;
  return (v.advertised === null || Array.isArray(v.advertised)) && Array.isArray(v.attempts) && Array.isArray(v.history) && 'latest' in v && 'registered' in v;
}

const SOURCES: Record<string, string> = { dcr: 'dynamic registration', cimd: 'client ID metadata document', 'pre-registered': 'pre-registered', imported: 'imported' };

function disagreementText(d: Disagreement): string {
  if (d.kind === 'several-methods') return `Sent ${d.methods.join(' and ')} at once.`;
  if (d.kind === 'not-registered') return `Sent ${d.used}, registered ${d.registered}.`;
  return `${d.used} is not advertised.`;
}

const method = (a: TokenAttempt) => a.used ?? (a.methods.length > 1 ? a.methods.join(' + ') : 'no client authentication');
const answer = (a: TokenAttempt) => (a.outcome === 'no-response' ? 'no response' : `${a.status ?? ''}${a.error ? ` ${a.error}` : ''}`);

type Verdict = { text: string; bad: boolean };

function verdictOf(p: AuthMethodPicture): Verdict {
  if (p.registeredNotAdvertised || (p.latest?.disagreements.length ?? 0) > 0) return { text: 'Disagreement', bad: true };
  if (p.latest?.outcome === 'rejected') return { text: 'Refused at the token endpoint', bad: true };
  return { text: p.latest ? 'Consistent' : 'Consistent so far', bad: false };
}

export function authMethodCard(p: AuthMethodPicture, client: ClientRecord | undefined, diagnostics: readonly Diagnostic[]): Markup {
  const verdict = verdictOf(p);
  const used = p.latest?.used ?? null;
  const advertised =
    p.advertisedAt === undefined
      ? h`<span class="muted">no metadata seen</span>`
      : p.advertised === null
        ? h`<span class="muted">not published (RFC 8414 default: client_secret_basic)</span>`
        : p.advertised.length === 0
          ? h`<span class="muted">empty list</span>`
          : h`<ol class="chips" aria-label="Advertised methods">${p.advertised.map((m, i) => h`<li class="${m === used ? 'is-used' : ''}">${i + 1}. ${m}</li>`)}</ol>`;
  const registered =
    p.registered === null
      ? h`<span class="muted">no client</span>`
      : h`<span class="value">${p.registered}</span>${client ? h` <span class="muted">from ${SOURCES[client.source] ?? client.source}</span>` : ''}${p.registeredRaw ? h`<div class="muted">its registration response says ${p.registeredRaw}</div>` : ''}`;
  const latest = p.latest;
  const usedCell = latest
    ? h`<span class="value">${method(latest)}</span> <span class="muted">answered ${answer(latest)}</span>${latest.disagreements.map((d) => h`<div class="error-text">${disagreementText(d)}</div>`)}`
    : p.chosen
      ? h`<span class="value">${p.chosen}</span> <span class="muted">would be sent</span>`
      : h`<span class="muted">no token request</span>`;
  const rules = diagnostics.filter((d) => d.rule.startsWith('AM-'));
  const history = p.history.length
    ? h`<h3>Earlier attempts</h3><ul>${p.history.map((a) => h`<li class="mono">${a.role}: ${method(a)} → ${answer(a)}${a.disagreements.map((d) => h` — ${disagreementText(d)}`)}</li>`)}</ul>`
    : '';
  return h`<section id="auth-method" aria-label="Token endpoint auth method">
<h2>Token endpoint auth method</h2>
<div class="verdict"><span class="badge ${verdict.bad ? 'bad' : 'ok'}" data-verdict="${verdict.text}">${verdict.text}</span>${rules.map((d) => h` <span class="badge sev-${d.severity}">${d.rule}</span> <span class="muted">${d.title}</span>`)}</div>
<div class="card">
<div class="col" data-column="advertised"><div class="col-title">Advertised by the server</div>${advertised}</div>
<div class="col ${p.registeredNotAdvertised ? 'bad' : ''}" data-column="registered"><div class="col-title">Registered</div>${registered}</div>
<div class="col ${verdict.bad ? 'bad' : ''}" data-column="used"><div class="col-title">Used at the token endpoint</div>${usedCell}${p.reason ? h`<div class="muted">${p.reason}</div>` : ''}</div>
</div>${history}
</section>`;
}
