// The HTML report of `authtrace matrix`: each client profile and how it fared.
import { matrixCell } from './junit-cases.js';
import { h, type Markup } from './markup.js';
import type { MatrixSubject } from './subject.js';

export function matrixBody(subject: MatrixSubject): { title: string; header: Markup; body: Markup } {
  const { report } = subject;
  const sessions = report.clients.flatMap((c) => c.sessions);
  const failing = sessions.filter((s) => s.flow !== 'completed').length;
  const rows = report.clients.flatMap((c) =>
    c.notRun !== undefined
      ? [h`<tr data-client="${c.id}"><td>${c.name}</td><td class="mono">${c.version}</td><td></td><td><span class="badge sev-skip">not run</span></td><td>${c.notRun}</td></tr>`]
      : c.sessions.map((s) => {
          const ok = s.flow === 'completed';
          return h`<tr data-client="${c.id}" data-pass="${s.pass}" data-flow="${s.flow}"><td>${c.name}</td><td class="mono">${c.version}</td><td>${s.pass}</td><td><span class="badge ${ok ? 'ok' : 'bad'}">${ok ? '✓' : '✗'} ${matrixCell(s)}</span></td><td>${ok ? '' : s.message ?? ''}</td></tr>`;
        }),
  );
  const header = h`<h1>Compatibility of ${report.server}</h1>
<div class="meta"><span class="badge ${failing ? 'bad' : 'ok'}">${failing ? `${failing} of ${sessions.length} sessions fail` : 'every client works'}</span> ${report.clients.length} client profiles · ${subject.startedAt}</div>`;
  const body = h`<section id="matrix"><h2>Clients</h2><table class="grid" aria-label="Compatibility matrix"><thead><tr><th>client</th><th>version</th><th>pass</th><th>outcome</th><th>what the user sees</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Each session is saved: <code>authtrace sessions list</code> names them, and they open in the app.</p></section>`;
  return { title: `Authtrace matrix: ${report.server}`, header, body };
}
