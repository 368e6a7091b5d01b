// Which parts of the auth method picture disagree, and which AM-0x diagnostics say why.
import type { AuthMethodReport, Diagnostic, Evidence, Exchange, Severity } from '../../shared/model.js';

export type Column = 'advertised' | 'registered' | 'used';

export interface ColumnState {
  tone: 'ok' | 'warn' | 'bad' | 'none';
  notes: string[];
}

export interface CardModel {
  columns: Record<Column, ColumnState>;
  /** AM-* diagnostics, with their index in the SessionView's list. */
  rules: Array<{ index: number; diagnostic: Diagnostic; columns: Column[] }>;
}

const ADVERTISED_FIELD = 'token_endpoint_auth_methods_supported';

function columnOf(evidence: Evidence, exchanges: ReadonlyMap<string, Exchange>): Column | null {
  const { location } = evidence;
  if (location.kind === 'client') return 'registered';
  if (location.kind === 'config') return location.field.toLowerCase().includes('method') ? 'used' : null;
  const exchange = evidence.exchangeId ? exchanges.get(evidence.exchangeId) : undefined;
  if (location.kind === 'response-json' && location.pointer.includes(ADVERTISED_FIELD)) return 'advertised';
  if (exchange?.role === 'as-metadata') return 'advertised';
  if (exchange?.role === 'registration') return 'registered';
  if (exchange?.role === 'token' || exchange?.role === 'refresh') return 'used';
  return null;
}

const worse = (a: ColumnState['tone'], b: ColumnState['tone']): ColumnState['tone'] => {
  const rank = { none: 0, ok: 1, warn: 2, bad: 3 } as const;
  return rank[b] > rank[a] ? b : a;
};

const toneOf = (severity: Severity): ColumnState['tone'] => (severity === 'error' ? 'bad' : severity === 'warning' ? 'warn' : 'ok');

export function authCardModel(report: AuthMethodReport, diagnostics: readonly Diagnostic[], exchanges: readonly Exchange[]): CardModel {
  const byId = new Map(exchanges.map((e) => [e.id, e]));
  const columns: Record<Column, ColumnState> = {
    advertised: { tone: report.advertised ? 'ok' : 'none', notes: [] },
    registered: { tone: report.registered ? 'ok' : 'none', notes: [] },
    used: { tone: report.used ? 'ok' : 'none', notes: [] },
  };
  const advertised = report.advertised ?? (report.advertised === null ? null : []);

  if (report.registered === 'unknown') {
    columns.registered.tone = 'warn';
    columns.registered.notes.push('The stored client lost its method.');
  } else if (report.registered && advertised && !advertised.includes(report.registered)) {
    columns.registered.tone = 'bad';
    columns.registered.notes.push(`${report.registered} is registered but not advertised.`);
  }
  if (report.used) {
    if (report.registered && report.registered !== 'unknown' && report.used !== report.registered) {
      columns.used.tone = 'bad';
      columns.used.notes.push(`Sent ${report.used}, registered ${report.registered}.`);
    }
    if (advertised && !advertised.includes(report.used)) {
      columns.used.tone = worse(columns.used.tone, 'warn');
      columns.used.notes.push(`${report.used} is not advertised.`);
    }
  }

  const rules = diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .filter(({ diagnostic }) => diagnostic.rule.startsWith('AM-'))
    .map(({ diagnostic, index }) => {
      const cols = [...new Set(diagnostic.evidence.map((e) => columnOf(e, byId)).filter((c): c is Column => c !== null))];
      for (const c of cols) columns[c].tone = worse(columns[c].tone, toneOf(diagnostic.severity));
      return { index, diagnostic, columns: cols };
    });
  return { columns, rules };
}

export function cardVisible(report: AuthMethodReport, metadataSeen: boolean): boolean {
  return metadataSeen || report.advertised !== null || report.registered !== null || report.used !== null;
}
