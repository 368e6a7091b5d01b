// JUnit XML (the Surefire format CI systems read): one testsuite for one command.
import { xml } from './escape.js';
import { testCases, type TestCase } from './junit-cases.js';
import type { ReportSubject } from './subject.js';

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xml(String(value))}"`)
    .join('');

const seconds = (s: number) => Math.max(0, s).toFixed(3);

function testcase(c: TestCase): string {
  const open = `  <testcase${attrs({ classname: c.classname, name: c.name, time: seconds(c.seconds) })}>`;
  const o = c.outcome;
  switch (o.kind) {
    case 'passed':
      return o.output ? `${open}\n    <system-out>${xml(o.output)}</system-out>\n  </testcase>` : `${open}</testcase>`;
    case 'skipped':
      return `${open}\n    <skipped${attrs({ message: o.message })}/>\n  </testcase>`;
    case 'failed':
      return `${open}\n    <failure${attrs({ type: o.type, message: o.message })}>${xml(o.detail)}</failure>\n  </testcase>`;
  }
}

/** Where the suite's name comes from: the server or the file the command read. */
function suiteName(subject: ReportSubject): string {
  switch (subject.command) {
    case 'run':
    case 'lint':
      return `authtrace ${subject.command} ${subject.source}`;
    case 'matrix':
    case 'probe':
      return `authtrace ${subject.command} ${subject.report.server}`;
  }
}

export function junitXml(subject: ReportSubject): string {
  const cases = testCases(subject);
  const count = (kind: TestCase['outcome']['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
  const suite = attrs({
    name: suiteName(subject),
    tests: cases.length,
    failures: count('failed'),
    errors: 0,
    skipped: count('skipped'),
    time: seconds(subject.durationMs / 1000),
    timestamp: subject.startedAt.replace(/\.\d+Z$/, 'Z'),
  });
  const properties = `  <properties>\n    <property${attrs({ name: 'authtrace.version', value: subject.tool.version })}/>\n    <property${attrs({ name: 'authtrace.command', value: subject.command })}/>\n  </properties>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite${suite}>\n${properties}\n${cases.map(testcase).join('\n')}\n</testsuite>\n`;
}
