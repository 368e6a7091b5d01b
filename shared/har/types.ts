// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) plus Authtrace's custom fields.
// Custom fields start with an underscore, as the spec requires.
import type { AuthMethodPicture } from '../interpret/auth-method.js';
import type {
  Continuation,
  MethodChoice,
  ClientRecord,
  Diagnostic,
  ExchangeOrigin,
  ExchangeRole,
  HttpRequest,
  NetworkError,
  Revision,
  SessionConfig,
  Severity,
  Step,
  StepName,
} from '../model.js';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  comment?: string;
}

export interface HarPostParam {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: HarPostParam[];
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
  /** Chromium's field for a failed request ("net::ERR_CONNECTION_REFUSED"); Authtrace writes the message. */
  _error?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
}

export interface HarCache {
  comment?: string;
}

/** A diagnostic as listed on the entry its evidence points at; the full text is on the log. */
export interface AuthtraceEntryDiagnostic {
  rule: string;
  severity: Severity;
  title: string;
}

export interface AuthtraceEntryExt {
  id: string;
  step: StepName | 'unrelated';
  role: ExchangeRole;
  origin: ExchangeOrigin;
  outcome: 'response' | 'network-error' | 'opened-in-browser';
  purpose?: string;
  /** The request as prepared before the user edited it. */
  edited?: { original: HttpRequest };
  error?: NetworkError;
  note?: string;
  /** The response body in content.text was cut at the capture limit; content.size is the full size. */
  truncated?: boolean;
  /** Exact timing total in ms (entry.time is the same number). */
  total?: number;
  diagnostics: AuthtraceEntryDiagnostic[];
}

export interface AuthtraceLogExt {
  /** Version of this custom block, bumped on incompatible changes. */
  format: 1;
  sessionId: string;
  createdAt: string;
  /** True when the file was exported with includeSecrets; otherwise secrets are redaction markers. */
  secretsIncluded: boolean;
  config: SessionConfig;
  revision: Revision;
  issuer?: string;
  client?: ClientRecord;
  /** Compliance stops the run went past on the user's word (--continue-on, Continue anyway). */
  continuations?: Continuation[];
  /** What the engine chose for the last token request, and why. */
  methodChoice?: MethodChoice;
  /** The auth method picture, derived from the exchanges; for readers of the file (import derives it again). */
  authMethod?: AuthMethodPicture | Record<string, unknown>;
  steps: Step[];
  diagnostics: Diagnostic[];
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: HarCache;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  _authtrace?: AuthtraceEntryExt;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number; comment?: string };
  comment?: string;
}

export interface HarLog {
  version: string;
  creator: { name: string; version: string; comment?: string };
  browser?: { name: string; version: string; comment?: string };
  pages?: HarPage[];
  entries: HarEntry[];
  comment?: string;
  _authtrace?: AuthtraceLogExt;
}

export interface Har {
  log: HarLog;
}
