// Property tests with generated hostile input: HAR import (Authtrace's own files and browser
// recordings, edited anywhere), the rebuild of a foreign recording, the diagnostics over what
// was imported, export with and without redaction. Nothing may throw, every result must be
// well-formed, and no secret of a generated session may survive redaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../diagnostics/index.js';
import { isErrorCode } from '../errors/index.js';
import { STEP_NAMES, type Exchange, type Header, type Session } from '../model.js';
import { exportHar } from './export.js';
import { importHar } from './import.js';
import { rebuildSession } from './rebuild.js';
import { chromeHar } from './test-support/chrome-har.js';
import { applyEdits, deepJsonText, edits, FUZZ_PARAMETERS, FUZZ_TEST_TIMEOUT_MS, hostileBody, hostileString } from './test-support/hostile.js';
import { fullSession } from './test-support/session.js';

const STEP_SET: ReadonlySet<string> = new Set(STEP_NAMES);
const isHeaders = (headers: readonly Header[]): boolean => headers.every((h) => typeof h.name === 'string' && typeof h.value === 'string');

/** What every consumer of a session relies on; throws (failing the property) otherwise. */
function checkSession(session: Session): void {
  expect(typeof session.id).toBe('string');
  for (const step of session.steps) {
    expect(STEP_SET.has(step.name)).toBe(true);
    expect(step.exchangeIds.every((id) => typeof id === 'string')).toBe(true);
  }
  for (const exchange of session.exchanges) {
    expect(typeof exchange.id).toBe('string');
    expect(isHeaders(exchange.request.headers)).toBe(true);
    if (exchange.outcome === 'response') {
      expect(typeof exchange.response.body).toBe('string');
      expect(isHeaders(exchange.response.headers)).toBe(true);
    }
  }
  // what crosses IPC (structured clone) and the WebSocket (JSON)
  structuredClone(session);
  JSON.stringify(session);
  const diagnostics = runDiagnostics(session);
  expect(diagnostics.every((d) => typeof d.rule === 'string' && typeof d.message === 'string')).toBe(true);
  for (const includeSecrets of [false, true]) {
    const again = importHar(JSON.stringify(exportHar(session, { diagnostics, includeSecrets })));
    expect(again.ok).toBe(true);
  }
}

function checkImport(text: string): void {
  const result = importHar(text);
  if (!result.ok) {
    expect(isErrorCode(result.code)).toBe(true);
    expect(result.error).not.toMatch(/call stack/i);
    return;
  }
  expect(result.warnings.every((w) => typeof w === 'string')).toBe(true);
  checkSession(result.session);
}

const authtraceHar = (): unknown => exportHar(fullSession(), { diagnostics: [], includeSecrets: true });
const foreignHar = (): unknown => chromeHar();

describe('fuzz: HAR import', () => {
  it(
    'reads an Authtrace HAR edited anywhere with hostile values, and everything downstream copes',
    () => {
      fc.assert(fc.property(edits, (list) => checkImport(applyEdits(authtraceHar(), list))), FUZZ_PARAMETERS);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads a browser recording edited anywhere with hostile values, and rebuilds a well-formed session',
    () => {
      fc.assert(fc.property(edits, (list) => checkImport(applyEdits(foreignHar(), list))), FUZZ_PARAMETERS);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers any text, deep, cut or random, with a session or a coded error',
    () => {
      fc.assert(fc.property(fc.oneof(deepJsonText, hostileString, fc.string()), checkImport), FUZZ_PARAMETERS);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

describe('fuzz: rebuild of a foreign recording', () => {
  it(
    'rebuilds exchanges whose bodies are hostile, in any role, into a well-formed session',
    () => {
      const roles = fc.constantFrom<Exchange['role']>('mcp-probe', 'resource-metadata', 'as-metadata', 'registration', 'authorize', 'callback', 'token', 'refresh', 'mcp', 'other');
      const exchange = fc.record({ role: roles, requestBody: hostileBody, responseBody: hostileBody, status: fc.constantFrom(200, 201, 302, 400, 401, 500) });
      fc.assert(
        fc.property(fc.array(exchange, { minLength: 1, maxLength: 5 }), (specs) => {
          const exchanges = specs.map((spec, i): Exchange => ({
            id: `e${i + 1}`,
            step: 'unrelated',
            role: spec.role,
            startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
            origin: 'imported',
            request: { method: 'POST', url: `https://as.example/${spec.role}?code=c&iss=https%3A%2F%2Fas.example`, headers: [{ name: 'content-type', value: 'application/json' }], body: spec.requestBody },
            outcome: 'response',
            response: { status: spec.status, statusText: '', headers: [{ name: 'content-type', value: 'application/json' }], body: spec.responseBody, truncated: false, bodySize: spec.responseBody.length, httpVersion: 'HTTP/1.1' },
            timings: { wait: 1, receive: 1, total: 2 },
          }));
          checkSession(rebuildSession(exchanges, { id: 'fuzz', createdAt: '2026-01-01T00:00:00.000Z' }).session);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

describe('fuzz: redaction', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9]{16,32}$/);
  const secrets = fc.record({ clientSecret: token, code: token, verifier: token, access: token, refresh: token, registration: token });
  /** A document around a value: as it is, nested deep (past the walking limit or not), or among thousands of members. */
  const around = fc.record({ depth: fc.integer({ min: 0, max: 4000 }), width: fc.integer({ min: 0, max: 3000 }) });
  const wrap = (pair: string, { depth, width }: { depth: number; width: number }): string =>
    `{"noise":[${Array.from({ length: width }, (_, i) => i).join(',')}],"deep":${'['.repeat(depth)}{${pair}}${']'.repeat(depth)}}`;

  it(
    'leaves no secret of a generated session in a redacted export, wherever and however deep it sits',
    () => {
      fc.assert(
        fc.property(secrets, around, around, hostileBody, (s, tokenShape, registrationShape, noise) => {
          const base = fullSession();
          const registration = wrap(`"client_secret":"${s.clientSecret}","registration_access_token":"${s.registration}"`, registrationShape);
          const tokens = wrap(`"access_token":"${s.access}","refresh_token":"${s.refresh}"`, tokenShape);
          const exchanges = base.exchanges.map((e): Exchange => {
            if (e.outcome !== 'response') return e;
            if (e.id === 'x4') return { ...e, response: { ...e.response, body: registration } };
            if (e.id === 'x8') {
              return {
                ...e,
                request: { ...e.request, body: `grant_type=authorization_code&code=${s.code}&code_verifier=${s.verifier}&client_secret=${s.clientSecret}` },
                response: { ...e.response, body: tokens },
              };
            }
            if (e.id === 'x9') return { ...e, request: { ...e.request, headers: [{ name: 'authorization', value: `Bearer ${s.access}` }] }, response: { ...e.response, body: noise } };
            if (e.id === 'x10') return { ...e, response: { ...e.response, body: `token ${s.access} and refresh ${s.refresh} are not valid, code ${s.code}` } };
            return e;
          });
          const registrationResponse: unknown = JSON.parse(registration);
          const session: Session = {
            ...base,
            exchanges,
            config: { ...base.config, clientSecret: s.clientSecret },
            client: { ...base.client!, client_secret: s.clientSecret, registrationResponse },
          };
          const text = JSON.stringify(exportHar(session, { diagnostics: runDiagnostics(session), includeSecrets: false }));
          for (const secret of Object.values(s)) expect(text).not.toContain(secret);
          expect(importHar(text).ok).toBe(true);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
