// `authtrace explain "<error text>"`: the likely causes of what a client said, and how to check.
import { explain, type Explained } from '../../shared/clients/explain.js';
import { RULES } from '../../shared/diagnostics/index.js';
import { parseCommandLine, runWithUsage } from './args.js';
import { paint, UsageError, type CliIo } from './io.js';
import { safe } from './sanitize.js';

export const EXPLAIN_USAGE = `Usage: authtrace explain "<what the client said>" [--json]

Paste an error a client showed ("Existing OAuth client information is required...", "invalid_client",
"Incompatible auth server", AADSTS9010010...) and get its likely causes, which side should change,
the rules that detect each in a run, and the command that checks a server for it.
`;

export function explainCommand(argv: string[], io: CliIo): Promise<number> {
  return runWithUsage(argv, io, { name: 'explain', usage: EXPLAIN_USAGE }, async () => {
    const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean', default: false } });
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('USAGE_MISSING_ARGUMENT', 'give the error text, in quotes.');
    const found = explain(text);
    if (values.json) {
      io.stdout(`${JSON.stringify(found.map(toJson), null, 2)}\n`);
      return found.length > 0 ? 0 : 1;
    }
    if (found.length === 0) {
      io.stdout(safe`No known cause for "${text}".\nRun the flow and read the diagnostics: authtrace run <mcp-server-url> --headless\n`);
      return 1;
    }
    io.stdout(found.map((s) => describe(io, s)).join('\n'));
    return 0;
  });
}

function toJson(s: Explained) {
  return { id: s.id, symptom: s.symptom, clients: s.clients, causes: s.causes, check: s.check, sources: s.cite.map((c) => c.url) };
}

function describe(io: CliIo, s: Explained): string {
  const lines = [paint(io, 'bold', s.symptom), `  seen from: ${s.clients.join(', ')}`, '  likely causes:'];
  for (const c of s.causes) {
    lines.push(`  - ${c.cause}`);
    const rules = c.rules.map((id) => `${id} ${RULES[id]?.title ?? ''}`.trim());
    lines.push(`    ${c.side === 'either' ? 'either side' : `${c.side} side`}${rules.length ? `; detected by ${rules.join('; ')}` : ''}`);
  }
  lines.push(`  check: ${s.check}`, `  sources: ${s.cite.map((c) => c.ref).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
