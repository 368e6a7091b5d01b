// What counts as one test in JUnit output: a step or a rule that fired (run, lint), a client
// profile (matrix), a check (probe).
import type { MatrixReport, ProbeReport } from '../contract.js';
import type { Diagnostic, Step } from '../model.js';
import { failsAt, type FlowSubject, type MatrixSubject, type ProbeSubject, type ReportSubject, type Threshold } from './subject.js';

export type Outcome =
  | { kind: 'passed'; output: string }
  | { kind: 'failed'; type: string; message: string; detail: string }
  | { kind: 'skipped'; message: string };

export interface TestCase {
  classname: string;
  name: string;
  seconds: number;
  outcome: Outcome;
}

export function testCases(subject: ReportSubject): TestCase[] {
  switch (subject.command) {
    case 'run':
    case 'lint':
      return flowCases(subject);
    case 'matrix':
      return matrixCases(subject);
    case 'probe':
      return probeCases(subject);
  }
}

const lines = (...parts: (string | undefined | false)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');

function stepOutcome(step: Step): Outcome {
  switch (step.status) {
    case 'done':
      return { kind: 'passed', output: step.summary ?? '' };
    case 'failed':
      return {
        kind: 'failed',
        type: step.error?.code ?? 'STEP_FAILED',
        message: step.error?.message ?? 'the step failed',
        detail: lines(step.error?.message, step.error?.hint, step.summary),
      };
    case 'skipped':
      return { kind: 'skipped', message: step.summary ?? 'skipped' };
    default:
      return { kind: 'skipped', message: 'not reached' };
  }
}

export function describeDiagnostic(d: Diagnostic): string {
  const evidence = d.evidence.map((e) => {
    const where = 'name' in e.location ? `${e.location.kind} ${e.location.name}` : 'pointer' in e.location ? `${e.location.kind} ${e.location.pointer}` : 'field' in e.location ? `${e.location.kind} ${e.location.field}` : e.location.kind;
    return `  evidence: ${e.exchangeId ? `${e.exchangeId} ` : ''}${where}${e.value !== undefined ? ` = ${e.value}` : ''}`;
  });
  return lines(`${d.severity} ${d.rule}: ${d.message}`, d.symptom && `  the client says: ${d.symptom}`, ...evidence, `  spec: ${d.spec.ref} ${d.spec.url}`);
}

/** One case per rule that fired, in the order the diagnostics came; failed when any finding of it reaches the threshold. */
function ruleCases(diagnostics: readonly Diagnostic[], classname: string, threshold: Threshold): TestCase[] {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  return [...byRule].map(([rule, found]) => {
    const failing = found.find((d) => failsAt(d.severity, threshold));
    const detail = found.map(describeDiagnostic).join('\n\n');
    const name = `${rule} ${found[0]!.title}`;
    return {
      classname,
      name,
      seconds: 0,
      outcome: failing ? { kind: 'failed', type: `${rule} ${failing.severity}`, message: failing.message, detail } : { kind: 'passed', output: detail },
    };
  });
}

function flowCases(subject: FlowSubject): TestCase[] {
  const ext = subject.har.log._authtrace;
  const steps = ext.steps.map((step): TestCase => ({
    classname: `authtrace.${subject.command}.steps`,
    name: step.name,
    seconds: (step.durationMs ?? 0) / 1000,
    outcome: stepOutcome(step),
  }));
  return [...steps, ...ruleCases(ext.diagnostics, `authtrace.${subject.command}.diagnostics`, subject.threshold)];
}

export function matrixCell(s: MatrixReport['clients'][number]['sessions'][number]): string {
  if (s.flow === 'completed') return 'works';
  return `${s.flow === 'refused' ? 'refuses' : 'fails'} at ${s.failedStep ?? 'an unknown step'}${s.rules.length ? ` (${s.rules.join(', ')})` : ''}`;
}

function matrixCases(subject: MatrixSubject): TestCase[] {
  return subject.report.clients.map((client): TestCase => {
    const base = { classname: 'authtrace.matrix', name: `${client.name} ${client.version} (${client.id})`, seconds: 0 };
    if (client.notRun !== undefined) return { ...base, outcome: { kind: 'skipped', message: `not run: ${client.notRun}` } };
    const text = client.sessions.map((s) => lines(`${s.pass} session: ${matrixCell(s)}`, s.message && `  the client says: ${s.message}`)).join('\n');
    const broken = client.sessions.find((s) => s.flow !== 'completed');
    return { ...base, outcome: broken ? { kind: 'failed', type: broken.rules[0] ?? broken.flow, message: `${broken.pass} session ${matrixCell(broken)}`, detail: text } : { kind: 'passed', output: text } };
  });
}

type Finding = ProbeReport['findings'][number];

interface ProbeCheck {
  name: string;
  answer: string;
  exchangeIds: string[];
  probe?: string;
  notProbed?: string;
}

function probeChecks(report: ProbeReport): ProbeCheck[] {
  return [
    ...report.methods.map((m) => ({
      name: `token endpoint: a client registered for ${m.method}`,
      answer: lines(
        `advertised: ${m.advertised ? 'yes' : 'no'}; registered as: ${m.registered ?? m.registrationProblem ?? 'not registered'}; accepted: ${m.accepted ?? '-'}; also accepted with: ${m.alsoAcceptedWith.join(', ') || '-'}`,
        ...m.attempts.map((a) => `  with ${a.with}: ${a.verdict} (${a.why})`),
      ),
      exchangeIds: m.attempts.map((a) => a.exchangeId),
    })),
    { name: 'token endpoint: a client it does not know', answer: report.unknownClient.answer, exchangeIds: [report.unknownClient.exchangeId] },
    ...report.registrationChecks.map((c) => ({ name: `registration: ${c.name}`, answer: `${c.accepted ? 'accepted' : 'refused'} (${c.answer})`, exchangeIds: [c.exchangeId] })),
    ...(report.garbageToken ? [{ name: 'MCP server: a token it never issued', answer: report.garbageToken.answer, exchangeIds: [report.garbageToken.exchangeId] }] : []),
    ...report.authorizationChecks.map((c) => ({
      name: `authorization: ${c.name}`,
      answer: `${c.result} (${c.why})`,
      exchangeIds: c.exchangeId ? [c.exchangeId] : [],
      probe: c.probe,
      ...(c.result === 'not-probed' && { notProbed: c.why }),
    })),
  ];
}

function probeCases(subject: ProbeSubject): TestCase[] {
  const { report, threshold } = subject;
  const claimed = new Set<Finding>();
  const describe = (f: Finding) => `${f.severity} ${f.id}: ${f.message}`;
  const cases = probeChecks(report).map((check): TestCase => {
    const mine = report.findings.filter((f) => f.id === check.probe || f.exchangeIds.some((id) => check.exchangeIds.includes(id)));
    for (const f of mine) claimed.add(f);
    const base = { classname: 'authtrace.probe', name: check.name, seconds: 0 };
    const failing = mine.find((f) => failsAt(f.severity, threshold));
    const detail = lines(check.answer, ...mine.map(describe));
    if (failing) return { ...base, outcome: { kind: 'failed', type: `${failing.id} ${failing.severity}`, message: failing.message, detail } };
    if (check.notProbed !== undefined) return { ...base, outcome: { kind: 'skipped', message: `not probed: ${check.notProbed}` } };
    return { ...base, outcome: { kind: 'passed', output: detail } };
  });
  // A finding that no check's exchanges account for still gets a case of its own.
  const rest = report.findings.filter((f) => !claimed.has(f));
  return [
    ...cases,
    ...rest.map((f, i): TestCase => ({
      classname: 'authtrace.probe',
      name: `${f.id} finding ${i + 1}`,
      seconds: 0,
      outcome: failsAt(f.severity, threshold) ? { kind: 'failed', type: `${f.id} ${f.severity}`, message: f.message, detail: describe(f) } : { kind: 'passed', output: describe(f) },
    })),
  ];
}
