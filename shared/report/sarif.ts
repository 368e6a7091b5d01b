// SARIF 2.1.0: one run of Authtrace, its rules from the diagnostics catalogue (and the probe's and
// matrix's verdicts), one result per finding.
import type { Severity } from '../model.js';
import { matrixCell } from './junit-cases.js';
import { REPORT_RULES, type ReportRule } from './probe-rules.js';
import type { FlowSubject, MatrixSubject, ProbeSubject, ReportSubject } from './subject.js';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

interface LogicalLocation {
  name: string;
  fullyQualifiedName?: string;
  kind: string;
}

interface Location {
  physicalLocation?: { artifactLocation: { uri: string } };
  logicalLocations?: LogicalLocation[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Location[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: 'Authtrace'; version: string; semanticVersion?: string; rules: unknown[] } };
      invocations: { executionSuccessful: boolean; startTimeUtc: string; endTimeUtc: string }[];
      results: SarifResult[];
    },
  ];
}

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

function ruleDescriptor(rule: ReportRule) {
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    ...(rule.spec && { helpUri: rule.spec.url, help: { text: `${rule.spec.ref}: ${rule.spec.url}` } }),
    defaultConfiguration: { level: LEVEL[rule.severities[0] ?? 'warning'] },
  };
}

/** The catalogue's rules, and any rule it does not know (a HAR from a newer Authtrace) as it is met. */
function ruleIndexer(): { index(id: string, title: string): number; descriptors(): unknown[] } {
  const rules = [...REPORT_RULES];
  const at = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    index(id, title) {
      const known = at.get(id);
      if (known !== undefined) return known;
      at.set(id, rules.length);
      return rules.push({ id, title, severities: ['warning'] }) - 1;
    },
    descriptors: () => rules.map(ruleDescriptor),
  };
}

type Indexer = ReturnType<typeof ruleIndexer>;

/** An artifact location only for what parses as a URL, written as URL serialises it (percent-encoded, as a URI must be). */
function artifact(uri: string): Location['physicalLocation'] | undefined {
  return URL.canParse(uri) ? { artifactLocation: { uri: new URL(uri).href } } : undefined;
}

function flowResults(subject: FlowSubject, rules: Indexer): SarifResult[] {
  const physical = artifact(subject.source);
  return subject.har.log._authtrace.diagnostics.map((d) => {
    const exchangeIds = [...new Set(d.evidence.map((e) => e.exchangeId).filter((id): id is string => id !== undefined))];
    const step = d.step ?? 'general';
    return {
      ruleId: d.rule,
      ruleIndex: rules.index(d.rule, d.title),
      level: LEVEL[d.severity],
      message: { text: `${d.title}: ${d.message}` },
      locations: [
        {
          ...(physical && { physicalLocation: physical }),
          logicalLocations: [{ name: step, fullyQualifiedName: exchangeIds.length ? `${step}/${exchangeIds.join(',')}` : step, kind: 'module' }],
        },
      ],
      properties: { step, exchangeIds, evidence: d.evidence, spec: d.spec, ...(d.symptom && { symptom: d.symptom }) },
    };
  });
}

function matrixResults(subject: MatrixSubject, rules: Indexer): SarifResult[] {
  const physical = artifact(subject.report.server);
  return subject.report.clients.flatMap((client) =>
    client.sessions
      .filter((s) => s.flow !== 'completed')
      .map((s) => ({
        ruleId: 'MATRIX-01',
        ruleIndex: rules.index('MATRIX-01', ''),
        level: 'error' as const,
        message: { text: `${client.name} ${client.version} (${s.pass} session) ${matrixCell(s)}${s.message ? `; the client says: ${s.message}` : ''}` },
        locations: [{ ...(physical && { physicalLocation: physical }), logicalLocations: [{ name: client.id, fullyQualifiedName: `${client.id}/${s.pass}`, kind: 'object' }] }],
        properties: { client: client.id, version: client.version, pass: s.pass, flow: s.flow, failedStep: s.failedStep ?? null, rules: s.rules, sessionId: s.sessionId },
      })),
  );
}

function probeResults(subject: ProbeSubject, rules: Indexer): SarifResult[] {
  const { report } = subject;
  const physical = artifact(report.server);
  const location = (name: string) => [{ ...(physical && { physicalLocation: physical }), logicalLocations: [{ name, kind: 'resource' }] }];
  return [
    ...report.findings.map((f) => ({
      ruleId: f.id,
      ruleIndex: rules.index(f.id, f.id),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: location(report.tokenEndpoint),
      properties: { exchangeIds: f.exchangeIds },
    })),
    ...report.discovery.map((d) => ({
      ruleId: d.rule,
      ruleIndex: rules.index(d.rule, d.title),
      level: LEVEL[d.severity],
      message: { text: d.title },
      locations: location('discovery'),
    })),
  ];
}

function results(subject: ReportSubject, rules: Indexer): SarifResult[] {
  switch (subject.command) {
    case 'run':
    case 'lint':
      return flowResults(subject, rules);
    case 'matrix':
      return matrixResults(subject, rules);
    case 'probe':
      return probeResults(subject, rules);
  }
}

export function sarifLog(subject: ReportSubject): SarifLog {
  const rules = ruleIndexer();
  const found = results(subject, rules);
  const end = new Date(Date.parse(subject.startedAt) + subject.durationMs).toISOString();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Authtrace', version: subject.tool.version, ...(SEMVER.test(subject.tool.version) && { semanticVersion: subject.tool.version }), rules: rules.descriptors() } },
        invocations: [{ executionSuccessful: true, startTimeUtc: subject.startedAt, endTimeUtc: end }],
        results: found,
      },
    ],
  };
}
