// --html, --junit, --sarif: the shareable outputs every command that checks a server can write.
// Each is redacted whatever --include-secrets says, and written atomically (a new file, then rename).
import path from 'node:path';
import { junitXml } from '../../shared/report/junit.js';
import { reportHtml } from '../../shared/report/html.js';
import { sarifLog } from '../../shared/report/sarif.js';
import type { ReportSubject } from '../../shared/report/subject.js';
import { writeFileAtomic } from '../services/atomic-write.js';
import { fileProblem } from './har-file.js';
import { UsageError } from './io.js';

export const REPORT_FILE_OPTIONS = {
  html: { type: 'string' },
  junit: { type: 'string' },
  sarif: { type: 'string' },
} as const;

/** The usage lines of the three options, in the command's column width, saying what a test case and a result are there. */
export function reportFileUsage(width: number, cases: string, results: string): string {
  const line = (option: string, text: string) => `  ${option.padEnd(width - 2)}${text}\n`;
  return [
    line('--html <file>', 'one self-contained HTML report, secrets redacted (loads nothing)'),
    line('--junit <file>', `JUnit XML: a testcase per ${cases}`),
    line('--sarif <file>', `SARIF 2.1.0: a result per ${results}`),
  ].join('');
}

type Format = keyof typeof REPORT_FILE_OPTIONS;

/** The files asked for, by format; at most one file per format, and no file for two of them. */
export type ReportFiles = Partial<Record<Format, string>>;

const RENDER: Record<Format, (subject: ReportSubject) => string> = {
  html: reportHtml,
  junit: junitXml,
  sarif: (subject) => `${JSON.stringify(sarifLog(subject), null, 2)}\n`,
};

/** The report files of parsed options; `others` are the files the command reads or writes besides, by what names them ('--har'), which none may share. */
export function reportFilesOf(values: Partial<Record<Format, string | undefined>>, others: Record<string, string | undefined> = {}): ReportFiles {
  const files: ReportFiles = {};
  const taken = new Map<string, string>(Object.entries(others).flatMap(([option, file]) => (file ? [[path.resolve(file), option]] : [])));
  for (const format of Object.keys(REPORT_FILE_OPTIONS) as Format[]) {
    const file = values[format];
    if (file === undefined) continue;
    const already = taken.get(path.resolve(file));
    if (already) throw new UsageError('USAGE_CONFLICTING_OPTIONS', `--${format} and ${already} name the same file, ${file}.`);
    taken.set(path.resolve(file), `--${format}`);
    files[format] = file;
  }
  return files;
}

export const wantsReportFiles = (files: ReportFiles) => Object.keys(files).length > 0;

export interface Written {
  written: ReportFiles;
  /** Each file that could not be written, its option named. */
  errors: UsageError[];
}

/** Writes every file asked for; the subject is built only when one is. */
export async function writeReportFiles(files: ReportFiles, subjectOf: () => ReportSubject): Promise<Written> {
  const result: Written = { written: {}, errors: [] };
  if (!wantsReportFiles(files)) return result;
  const subject = subjectOf();
  for (const format of Object.keys(files) as Format[]) {
    const file = files[format]!;
    try {
      await writeFileAtomic(file, RENDER[format](subject));
      result.written[format] = file;
    } catch (error) {
      result.errors.push(new UsageError('USAGE_FILE_UNWRITABLE', `cannot write --${format} ${file}: ${fileProblem(file, error as NodeJS.ErrnoException)}.`, `Choose another path for --${format}.`));
    }
  }
  return result;
}

const NAMES: Record<Format, string> = { html: 'HTML report', junit: 'JUnit XML', sarif: 'SARIF' };

/** "HTML report written to r.html" for each file written (names are the user's, shown sanitised by the caller). */
export function writtenLines(written: ReportFiles): string[] {
  return (Object.keys(written) as Format[]).map((format) => `${NAMES[format]} written to ${written[format]!}`);
}
