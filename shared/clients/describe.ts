// A client profile as text: every behaviour with its value, its citations, and whether it is known or
// assumed from the reference client; the words it shows its user; what is simulated or not modelled.
import type { Cited, ClientProfile } from './types.js';

const LABELS: Record<keyof ClientProfile['behaviour'], string> = {
  registrationPath: 'registration path',
  registerMethod: 'DCR method',
  extraRedirectUris: 'extra redirect URIs',
  registrationScope: 'DCR scope',
  applicationType: 'application_type',
  cacheKeepsMethod: 'cache keeps the method',
  tokenMethod: 'token request method',
  strategy: 'cached client without a method',
  scope: 'scope at /authorize',
  offlineAccess: 'adds offline_access',
  iss: 'RFC 9207 iss',
  resourceCheck: 'PRM resource check',
  issuerCheck: 'RFC 8414 issuer check',
  resourceParam: 'RFC 8707 resource sent',
  asDiscovery: 'AS metadata discovery',
  insufficientScope: '403 insufficient_scope',
  refreshScope: 'scope in refresh',
  refreshWhen: 'refreshes (said, not run)',
  revision: 'MCP revision',
  cachedPass: 'second pass with the cached client',
};

function shown(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    const m = value as { kind: string; method?: string; order?: string[]; otherwise?: string };
    return m.kind === 'fixed' ? String(m.method) : `first advertised of ${m.order!.join(' > ')}, else ${m.otherwise}`;
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
}

function line(label: string, cited: Cited<unknown>): string {
  const refs = cited.cite.map((c) => c.ref).join('; ');
  return `  ${label.padEnd(36)} ${shown(cited.value)}${cited.assumed ? '  (assumed: as the reference client)' : ''}\n${' '.repeat(39)}${refs}${cited.note ? `\n${' '.repeat(39)}${cited.note}` : ''}`;
}

export function describeProfile(p: ClientProfile): string {
  const out = [`${p.name} ${p.version} (${p.id}, ${p.kind})`, p.summary, '', 'Behaviour:'];
  for (const [key, label] of Object.entries(LABELS)) out.push(line(label, p.behaviour[key as keyof ClientProfile['behaviour']] as Cited<unknown>));
  const messages = Object.entries(p.messages);
  if (messages.length) {
    out.push('', 'What it shows its user:');
    for (const [kind, cited] of messages) out.push(line(kind, cited!));
  }
  if (p.simulated.length) out.push('', 'Simulated here:', ...p.simulated.map((s) => `  ${s}`));
  if (p.notModelled.length) out.push('', 'Known, not modelled yet:', ...p.notModelled.map((n) => `  ${n.value} (${n.cite.map((c) => c.ref).join('; ')})`));
  if (p.notRunnable) out.push('', `Not runnable here: ${p.notRunnable}`);
  return `${out.join('\n')}\n`;
}
