// Session → HAR 1.2: one page per session, one entry per exchange, in session order.
// Redaction (on unless includeSecrets) is applied to a copy of each exchange first, so the HAR
// projection below never sees a secret; a final sweep catches secrets echoed in free text.
import { headerValue, headerValues, targetUrl, type Diagnostic, type Exchange, type Header, type HttpRequest, type Session, type Step } from '../model.js';
import { authMethodPicture } from '../interpret/auth-method.js';
import { boundSession } from '../interpret/json-fields.js';
import { essence, parseCookieHeader, parseForm, parseQuery, parseSetCookie, utf8Length } from './http-text.js';
import { decodeBasic } from '../interpret/credentials.js';
import { createRedactor, isRedacted, type Redactor } from './redact.js';
import type { AuthtraceEntryDiagnostic, AuthtraceLogExt, Har, HarEntry, HarNameValue, HarPostData, HarRequest, HarResponse, HarTimings } from './types.js';

export interface ExportOptions {
  diagnostics: Diagnostic[];
  includeSecrets: boolean;
  creator?: { name: string; version: string };
  /** Keys the redaction markers; a new random key for every export unless given (tests). */
  redactionKey?: Uint8Array;
}

export const HAR_VERSION = '1.2';
export const DEFAULT_CREATOR = { name: 'Authtrace', version: 'dev' };
export const BROWSER_NOTE = 'Opened in the system browser; Authtrace did not see the response.';
const UNKNOWN_MIME = 'x-unknown';

export function exportHar(unbounded: Session, opts: ExportOptions): Har {
  const session = boundSession(unbounded);
  const redactor = opts.includeSecrets ? undefined : createRedactor(opts.redactionKey);
  const pageId = session.id;
  // Messages and titles quote request URLs; they are redacted like the requests themselves.
  const diagnostics = redactor ? opts.diagnostics.map(redactor.diagnostic) : opts.diagnostics;
  const byExchange = diagnosticsByExchange(diagnostics);

  const entries = session.exchanges.map((exchange) =>
    entryOf(redactor ? redactExchange(exchange, redactor) : exchange, pageId, byExchange.get(exchange.id) ?? []),
  );

  const ext: AuthtraceLogExt = {
    format: 1,
    sessionId: session.id,
    createdAt: session.createdAt,
    secretsIncluded: opts.includeSecrets,
    config: redactor ? redactor.config(session.config) : session.config,
    revision: session.revision,
    authMethod: authMethodPicture(session),
    steps: redactor ? session.steps.map((step) => redactStep(step, redactor)) : session.steps,
    diagnostics,
  };
  if (session.methodChoice) ext.methodChoice = session.methodChoice;
  if (session.continuations) ext.continuations = redactor ? session.continuations.map((c) => ({ ...c, message: redactor.text(c.message) })) : session.continuations;
  if (session.issuer !== undefined) ext.issuer = session.issuer;
  if (session.client) ext.client = redactor ? redactor.client(session.client) : session.client;

  const har: Har = {
    log: {
      version: HAR_VERSION,
      creator: opts.creator ?? DEFAULT_CREATOR,
      pages: [
        {
          startedDateTime: session.createdAt,
          id: pageId,
          title: targetUrl(session.config.target),
          pageTimings: { onContentLoad: -1, onLoad: -1 },
        },
      ],
      entries,
      _authtrace: ext,
    },
  };
  return redactor ? redactor.sweepTree(har) : har;
}


function diagnosticsByExchange(diagnostics: readonly Diagnostic[]): Map<string, AuthtraceEntryDiagnostic[]> {
  const map = new Map<string, AuthtraceEntryDiagnostic[]>();
  for (const diagnostic of diagnostics) {
    const ids = new Set(diagnostic.evidence.map((e) => e.exchangeId).filter((id): id is string => id !== undefined));
    for (const id of ids) {
      const list = map.get(id) ?? [];
      list.push({ rule: diagnostic.rule, severity: diagnostic.severity, title: diagnostic.title });
      map.set(id, list);
    }
  }
  return map;
}

function redactStep(step: Step, redactor: Redactor): Step {
  const copy: Step = step.prepared ? { ...step, prepared: redactor.request(step.prepared) } : { ...step };
  // A step's error names the URL that failed, query and all.
  if (step.error) {
    copy.error = { code: step.error.code, message: redactor.text(step.error.message) };
    if (step.error.hint !== undefined) copy.error.hint = redactor.text(step.error.hint);
  }
  if (step.summary !== undefined) copy.summary = redactor.text(step.summary);
  return copy;
}

function redactExchange(exchange: Exchange, redactor: Redactor): Exchange {
  const copy = { ...exchange, request: redactor.request(exchange.request) };
  if (exchange.edited) copy.edited = { original: redactor.request(exchange.edited.original) };
  if (copy.outcome === 'response') {
    const response = copy.response;
    copy.response = {
      ...response,
      headers: redactor.headers(response.headers),
      body: redactor.body(response.body, headerValue(response.headers, 'content-type')),
    };
  }
  return copy;
}

function entryOf(exchange: Exchange, pageId: string, diagnostics: AuthtraceEntryDiagnostic[]): HarEntry {
  const ext: HarEntry['_authtrace'] = {
    id: exchange.id,
    step: exchange.step,
    role: exchange.role,
    origin: exchange.origin,
    outcome: exchange.outcome,
    diagnostics,
  };
  if (exchange.purpose !== undefined) ext.purpose = exchange.purpose;
  if (exchange.edited) ext.edited = exchange.edited;

  let response: HarResponse;
  let timings: HarTimings;
  let time: number;
  if (exchange.outcome === 'response') {
    response = responseOf(exchange);
    timings = timingsOf(exchange.timings.wait, exchange.timings.receive);
    time = exchange.timings.total;
    ext.total = exchange.timings.total;
    if (exchange.response.truncated) ext.truncated = true;
  } else if (exchange.outcome === 'network-error') {
    response = { ...emptyResponse(), _error: exchange.error.message };
    timings = timingsOf(exchange.timings.wait, exchange.timings.receive);
    time = exchange.timings.total;
    ext.total = exchange.timings.total;
    ext.error = exchange.error;
  } else {
    response = emptyResponse();
    timings = timingsOf(0, 0);
    time = 0;
    ext.note = BROWSER_NOTE;
  }

  return {
    pageref: pageId,
    startedDateTime: exchange.startedAt,
    time,
    request: requestOf(exchange.request, exchange.outcome === 'response' ? exchange.response.httpVersion : undefined),
    response,
    cache: {},
    timings,
    _authtrace: ext,
  };
}

/** HAR wants send, wait and receive non-negative; the phases Authtrace does not measure are -1. */
function timingsOf(wait: number, receive: number): HarTimings {
  return { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: Math.max(0, wait), receive: Math.max(0, receive) };
}

export function requestOf(request: HttpRequest, httpVersion: string | undefined): HarRequest {
  const har: HarRequest = {
    method: request.method,
    url: request.url,
    httpVersion: httpVersion || 'HTTP/1.1',
    cookies: headerValues(request.headers, 'cookie').flatMap(parseCookieHeader),
    headers: request.headers.map(harHeader),
    queryString: parseQuery(request.url),
    headersSize: -1,
    bodySize: request.body === undefined ? 0 : utf8Length(request.body),
  };
  if (request.body !== undefined) har.postData = postDataOf(request.body, headerValue(request.headers, 'content-type'));
  return har;
}

/** A redacted Basic credential is base64 of `id:[redacted:…]`; the comment says so in plain text. */
function harHeader(header: Header): HarNameValue {
  const basic = header.name.toLowerCase() === 'authorization' ? decodeBasic(header.value) : undefined;
  return basic && isRedacted(basic.secret)
    ? { name: header.name, value: header.value, comment: `client_id ${basic.id}, client_secret ${basic.secret}` }
    : { name: header.name, value: header.value };
}

function postDataOf(body: string, contentType: string | undefined): HarPostData {
  const postData: HarPostData = { mimeType: contentType ?? '', text: body };
  // HAR 1.2 calls text and params exclusive; browsers write both, and readers expect both.
  if (essence(contentType) === 'application/x-www-form-urlencoded') postData.params = parseForm(body);
  return postData;
}

function responseOf(exchange: Extract<Exchange, { outcome: 'response' }>): HarResponse {
  const r = exchange.response;
  const location = headerValue(r.headers, 'location');
  const response: HarResponse = {
    status: r.status,
    statusText: r.statusText,
    httpVersion: r.httpVersion,
    cookies: headerValues(r.headers, 'set-cookie').map(parseSetCookie),
    headers: r.headers.map((h) => ({ name: h.name, value: h.value })),
    content: { size: r.bodySize, mimeType: headerValue(r.headers, 'content-type') ?? UNKNOWN_MIME, text: r.body },
    redirectURL: r.status >= 300 && r.status < 400 && location !== undefined ? location : '',
    headersSize: -1,
    bodySize: r.bodySize,
  };
  if (r.truncated) response.content.comment = `Body cut at the capture limit; ${r.bodySize} bytes were received.`;
  return response;
}

function emptyResponse(): HarResponse {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: UNKNOWN_MIME },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
}
