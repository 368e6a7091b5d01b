// One self-contained HTML file for a command's result: to attach to a bug report or keep as a CI artifact.
import { htmlDocument } from './html-document.js';
import { flowBody } from './html-flow.js';
import { matrixBody } from './html-matrix.js';
import { probeBody } from './html-probe.js';
import type { ReportSubject } from './subject.js';

export function reportHtml(subject: ReportSubject): string {
  const page = subject.command === 'matrix' ? matrixBody(subject) : subject.command === 'probe' ? probeBody(subject) : flowBody(subject);
  return htmlDocument(page.title, page.header, page.body, `Made by ${subject.tool.name} ${subject.tool.version} (authtrace ${subject.command}). This file loads nothing and runs no script.`);
}
