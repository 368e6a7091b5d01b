// HAR → Session. A file written by Authtrace is restored exactly from its `_authtrace` fields;
// any other recording is classified request by request and the session rebuilt from it.
// Never throws: a file that cannot be read gives one sentence saying why.
import type { HarCode } from '../errors/har.js';
import { MAX_JSON_DEPTH, valueNestsDeeper } from '../interpret/json-depth.js';
import { MAX_BODY_BYTES, REVISIONS, type Exchange, type Session } from '../model.js';
import { check, pathText } from '../schema-problems.js';
import * as schemas from '../schemas.js';
import { classify } from './classify.js';
import { readEntry, type ReadEntry } from './entries.js';
import { formatBytes, readHar } from './read.js';
import { rebuildSession } from './rebuild.js';
import { readContinuations, readClient, readMethodChoice, readSteps } from './restore.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { AuthtraceLogExt } from './types.js';

export interface ImportOptions {
  /** Larger files are refused; default 200 MB. */
  maxBytes?: number;
  /** Id for a session rebuilt from a foreign HAR; default derived from the file. */
  sessionId?: string;
}

export type ImportResult =
  | { ok: true; session: Session; skipped: string[]; warnings: string[] }
  | { ok: false; code: HarCode; error: string };

const EPOCH = new Date(0).toISOString();

function isObj(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function authtraceLog(value: unknown): AuthtraceLogExt | undefined {
  if (!isObj(value) || value.format !== 1) return undefined;
  const ok =
    typeof value.sessionId === 'string' &&
    typeof value.createdAt === 'string' &&
    typeof value.revision === 'string' &&
    (REVISIONS as readonly string[]).includes(value.revision) &&
    Array.isArray(value.steps);
  return ok ? (value as unknown as AuthtraceLogExt) : undefined;
}

function restore(ext: AuthtraceLogExt, exchanges: Exchange[], warnings: string[]): Session {
  const session: Session = {
    id: ext.sessionId,
    createdAt: ext.createdAt,
    config: ext.config,
    revision: ext.revision,
    steps: readSteps(ext.steps, new Set(exchanges.map((e) => e.id)), warnings),
    exchanges,
  };
  const choice = readMethodChoice(ext.methodChoice, ext.authMethod);
  if (choice) session.methodChoice = choice;
  const client = readClient(ext.client, ext.createdAt);
  if (client) session.client = client;
  else if (ext.client !== undefined) {
    warnings.push("The file's stored client is malformed (it needs a client_id, redirect_uris and a known token_endpoint_auth_method); it was left out.");
  }
  if (typeof ext.issuer === 'string') session.issuer = ext.issuer;
  const continuations = readContinuations(ext.continuations);
  if (continuations) session.continuations = continuations;
  return session;
}

function firstTime(log: Record<string, unknown>, entries: readonly unknown[]): string {
  const candidates = [
    ...(Array.isArray(log.pages) ? log.pages.map((p) => (isObj(p) ? p.startedDateTime : undefined)) : []),
    ...entries.map((e) => (isObj(e) ? e.startedDateTime : undefined)),
  ];
  const valid = candidates.find((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)));
  return valid ?? EPOCH;
}

function readEntries(raw: readonly unknown[], start: string, skipped: string[], warnings: string[]): ReadEntry[] {
  const read: ReadEntry[] = [];
  let lastTime = start;
  for (let i = 0; i < raw.length; i++) {
    const entry = readEntry(raw[i], i, lastTime);
    if ('skip' in entry) {
      skipped.push(entry.skip);
      continue;
    }
    lastTime = entry.exchange.startedAt;
    read.push(entry);
  }
  const cut = read.filter((e) => e.bodyCut).length;
  if (cut > 0) warnings.push(`${cut} response ${cut === 1 ? 'body was' : 'bodies were'} over ${formatBytes(MAX_BODY_BYTES)} and cut there.`);
  const elsewhere = read.filter((e) => e.bodyElsewhere).length;
  if (elsewhere > 0) warnings.push(`${elsewhere} response ${elsewhere === 1 ? 'body was' : 'bodies were'} saved in separate files beside the HAR and ${elsewhere === 1 ? 'is' : 'are'} missing; record with the content embedded.`);
  const badTimes = read.filter((e) => e.badTime).length;
  if (badTimes > 0) warnings.push(`${badTimes} ${badTimes === 1 ? 'entry has' : 'entries have'} no readable start time; the previous entry's time is used.`);
  return read;
}

function importUnsafe(text: string, opts: ImportOptions): ImportResult {
  const read = readHar(text, opts.maxBytes);
  if (!read.ok) return read;
  const warnings = [...read.warnings];
  const skipped: string[] = [];
  const start = firstTime(read.log, read.entries);
  const entries = readEntries(read.entries, start, skipped, warnings);
  if (entries.length === 0) {
    const why = skipped.length === 0 ? 'its log has no entries' : `none of its ${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'} is an HTTP request that can be read (${skipped.slice(0, 3).join('; ')}${skipped.length > 3 ? '; …' : ''})`;
    return { ok: false, code: 'HAR_EMPTY', error: `The HAR has nothing to show: ${why}. Record the flow again with the network panel open from the start.` };
  }

  const ext = authtraceLog(read.log._authtrace);
  if (ext && entries.every((e) => e.ext !== undefined)) {
    // Reset starts a new session from this configuration: it must be one the engine can run.
    const config = check(schemas.SessionConfig, ext.config);
    if (!config.ok) {
      const field = config.path.length > 0 ? `config.${pathText(config.path)}` : 'config';
      return { ok: false, code: 'HAR_CONFIG_INVALID', error: `The file's Authtrace session configuration is not valid: ${field} ${config.problem}.` };
    }
    if (valueNestsDeeper(config.value.callTool?.args)) {
      return { ok: false, code: 'HAR_CONFIG_INVALID', error: `The file's Authtrace session configuration is not valid: config.callTool.args nests deeper than ${MAX_JSON_DEPTH} levels.` };
    }
    return { ok: true, session: restore({ ...ext, config: config.value }, entries.map((e) => e.exchange), warnings), skipped, warnings };
  }
  if (read.log._authtrace !== undefined) warnings.push("The file's Authtrace data is incomplete; the flow was read from the requests instead.");

  // Recorders do not all write entries in start order; the flow is read in time order.
  const ordered = entries
    .map((entry, order) => ({ entry, order, time: Date.parse(entry.exchange.startedAt) }))
    .sort((a, b) => a.time - b.time || a.order - b.order)
    .map(({ entry }) => entry);
  for (const entry of ordered) {
    entry.exchange.role = 'other';
    entry.exchange.step = 'unrelated';
  }
  classify(ordered);
  const id = opts.sessionId ?? `har-${sha256Hex(`${text.length}:${text.slice(0, 65536)}`).slice(0, 16)}`;
  const rebuilt = rebuildSession(ordered.map((e) => e.exchange), { id, createdAt: start });
  return { ok: true, session: rebuilt.session, skipped, warnings: [...warnings, ...rebuilt.warnings] };
}

export function importHar(text: string, opts: ImportOptions = {}): ImportResult {
  try {
    return importUnsafe(text, opts);
  } catch (error) {
    return { ok: false, code: 'HAR_NOT_HAR', error: `The file could not be read as a HAR: ${error instanceof Error ? error.message : String(error)}.` };
  }
}
