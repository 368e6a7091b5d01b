// One interpretation layer: the live engine, HAR export then import (Authtrace's own file and
// the same exchanges as a foreign recording), and the renderer's view model read the same
// exchanges into the same auth method picture, the same well-known URLs and the same secrets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FlowEngine } from '../../shared/flow/engine.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { exportHar } from '../../shared/har/export.js';
import { importHar } from '../../shared/har/import.js';
import { authMethodPicture, type AuthMethodPicture } from '../../shared/interpret/auth-method.js';
import { encodeBase64 } from '../../shared/interpret/base64.js';
import { asMetadataCandidates } from '../../shared/interpret/well-known.js';
import { defaultConfig, type Exchange, type HttpRequest, type Session, type SessionConfig } from '../../shared/model.js';
import { authCardModel } from '../../renderer/lib/auth-card.js';
import { maskBody, maskHeaderValue, maskUrl } from '../../renderer/lib/mask.js';
import { sweepFor, type Sweep } from '../../renderer/lib/screen-secrets.js';
import { sandbox, tempDir } from '../test-support/cli.js';
import { createClientStore } from './client-store.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

function engine(config: SessionConfig, dataDir: string): FlowEngine {
  return new FlowEngine(config, {
    http: createRecordingHttpClient(),
    redirect: createLoopbackRedirectListener(),
    browser: { open: async () => undefined },
    clients: createClientStore(dataDir),
  });
}

const mcp = (url: string, over: Partial<SessionConfig> = {}): SessionConfig => ({ ...defaultConfig({ kind: 'mcp', url }), headless: true, timeoutMs: 10_000, ...over });

/** Steps the engine until the token request is prepared. */
async function untilTokenReady(e: FlowEngine): Promise<Session> {
  for (let i = 0; i < 20; i++) {
    const next = e.next();
    if (next?.step === 'token' && next.action === 'send') return e.session;
    if (!next) throw new Error(`the flow stopped before the token step: ${JSON.stringify(e.session.steps.find((s) => s.status === 'failed')?.error)}`);
    await e.step();
  }
  throw new Error('the token step was not reached in 20 steps');
}

/** The Authtrace HAR, and the same entries with Authtrace's own records removed (a foreign recording). */
function reimport(live: Session, includeSecrets: boolean): { own: Session; foreign: Session } {
  const har = exportHar(live, { diagnostics: runDiagnostics(live), includeSecrets });
  const own = importHar(JSON.stringify(har));
  const bare = JSON.parse(JSON.stringify(har)) as { log: Record<string, unknown> & { entries: Record<string, unknown>[] } };
  delete bare.log._authtrace;
  for (const entry of bare.log.entries) for (const key of Object.keys(entry)) if (key.startsWith('_')) delete entry[key];
  const foreign = importHar(JSON.stringify(bare));
  if (!own.ok || !foreign.ok) throw new Error('import failed');
  return { own: own.session, foreign: foreign.session };
}

/** What a recording made outside Authtrace can know: no engine choice, exchange ids of its own. */
function recordable(p: AuthMethodPicture) {
  const attempt = ({ exchangeId: _id, ...rest }: AuthMethodPicture['attempts'][number]) => rest;
  return { advertised: p.advertised, registered: p.registered, used: p.used, attempts: p.attempts.map(attempt), registeredNotAdvertised: p.registeredNotAdvertised };
}

function card(session: Session) {
  const model = authCardModel(authMethodPicture(session), runDiagnostics(session), session.exchanges);
  return {
    verdict: model.verdict,
    tones: Object.fromEntries(Object.entries(model.columns).map(([c, s]) => [c, s.tone])),
    rules: model.rules.map((r) => r.diagnostic.rule).sort(),
    history: model.history.map((h) => ({ attempt: h.attempt.exchangeId, rules: h.rules.map((r) => r.diagnostic.rule).sort() })),
  };
}

/** Every value of a header, a query or form parameter and a JSON string of at least 6 characters. */
function candidateValues(exchanges: readonly Exchange[]): Set<string> {
  const values = new Set<string>();
  const addForm = (text: string) => {
    if (/^\s*[[{]/.test(text)) return;
    for (const [, v] of new URLSearchParams(text.trim())) values.add(v);
  };
  const addJson = (text: string) => {
    try {
      const walk = (node: unknown): void => {
        if (typeof node === 'string') values.add(node);
        else if (node && typeof node === 'object') for (const child of Object.values(node)) walk(child);
      };
      walk(JSON.parse(text));
    } catch {
      // not JSON
    }
  };
  for (const ex of exchanges) {
    const url = ex.request.url;
    if (url.includes('?')) addForm(url.slice(url.indexOf('?') + 1).split('#')[0]!);
    for (const h of ex.request.headers) values.add(h.value.replace(/^(Bearer|Basic|DPoP)\s+/i, ''));
    if (ex.request.body) {
      addForm(ex.request.body);
      addJson(ex.request.body);
    }
    if (ex.outcome === 'response') {
      for (const h of ex.response.headers) values.add(h.value);
      addJson(ex.response.body);
    }
  }
  return new Set([...values].filter((v) => v.length >= 6 && !/^(https?:|application\/|text\/|[0-9., -]+$)/.test(v)));
}

/** An exchange as the renderer shows it with secrets masked (renderer/components: URL, headers, bodies). */
function maskedText(ex: Exchange, sweep: Sweep): string {
  const headers = (list: readonly { name: string; value: string }[]) => list.map((h) => `${h.name}: ${sweep(maskHeaderValue(h.name, h.value))}`).join('\n');
  const parts = [sweep(maskUrl(ex.request.url)), headers(ex.request.headers), sweep(maskBody(ex.request.body ?? ''))];
  if (ex.outcome === 'response') parts.push(headers(ex.response.headers), sweep(maskBody(ex.response.body)));
  return parts.join('\n');
}

/** The values the screen hides and the values the redacted HAR hides. */
function hiddenSets(live: Session): { masked: string[]; redacted: string[] } {
  const harText = JSON.stringify(exportHar(live, { diagnostics: [], includeSecrets: false }).log.entries);
  const sweep = sweepFor(live);
  const screen = live.exchanges.map((ex) => maskedText(ex, sweep)).join('\n');
  const candidates = [...candidateValues(live.exchanges)];
  const hidden = (text: string) => candidates.filter((v) => !text.includes(v) && !text.includes(JSON.stringify(v).slice(1, -1))).sort();
  return { masked: hidden(screen), redacted: hidden(harText) };
}

describe('one interpretation of the same exchanges', () => {
  it('a token request with both a Basic header and client_secret in the body: used is null with two methods, live and imported alike', async () => {
    const s = await sandbox('correct');
    const e = engine(mcp(s.mcpUrl, { registerMethod: 'client_secret_post', newClient: true }), tempDir());
    const ready = await untilTokenReady(e);
    const client = ready.client!;
    const prepared = ready.steps.find((st) => st.name === 'token')!.prepared!;
    const edited: HttpRequest = {
      ...prepared,
      headers: [
        ...prepared.headers,
        { name: 'Authorization', value: `Basic ${encodeBase64(`${client.client_id}:${client.client_secret}`)}` },
        { name: 'X-Auth-Token', value: 'xauth-token-value-1' },
        { name: 'Api-Key', value: 'api-key-value-2' },
        { name: 'Private-Token', value: 'private-token-value-3' },
        { name: 'DPoP', value: 'eyJhbGciOiJFUzI1NiJ9.eyJodG0iOiJQT1NUIn0.proof-signature-4' },
      ],
      body: `${prepared.body}&id_token_hint=id-token-hint-value-5&logout_token=logout-token-value-6&api_key=api-key-param-7`,
    };
    await e.send(edited);
    const live = await e.runToEnd();
    await e.close();

    const picture = authMethodPicture(live);
    expect(picture.latest).toMatchObject({ methods: ['client_secret_basic', 'client_secret_post'], used: null });
    expect(picture.latest!.disagreements).toContainEqual({ kind: 'several-methods', methods: ['client_secret_basic', 'client_secret_post'] });
    expect(runDiagnostics(live).map((d) => d.rule)).toContain('AM-05');

    for (const includeSecrets of [true, false]) {
      const { own, foreign } = reimport(live, includeSecrets);
      expect(authMethodPicture(own)).toEqual(picture);
      expect(recordable(authMethodPicture(foreign))).toEqual(recordable(picture));
      expect(card(own)).toEqual(card(live));
    }

    const { masked, redacted } = hiddenSets(live);
    expect(masked).toEqual(redacted);
    for (const secret of ['xauth-token-value-1', 'api-key-value-2', 'private-token-value-3', 'id-token-hint-value-5', 'logout-token-value-6', 'api-key-param-7', client.client_secret!]) {
      expect(masked).toContain(secret);
    }
    expect(masked.some((v) => v.includes('proof-signature-4'))).toBe(true);
  });

  it('a 401 at the token step and a retry with the right method: the latest attempt is consistent, the failed one stays as history with AM-03', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    const first = engine(mcp(s.mcpUrl, { registerMethod: 'client_secret_post' }), dir);
    await first.runToEnd();
    await first.close();
    const store = createClientStore(dir);
    const clientId = (await store.get(s.issuer))!.client_id;
    await store.setMethod(s.issuer, clientId, 'unknown');

    const e = engine(mcp(s.mcpUrl, { strategy: 'first-advertised' }), dir);
    expect((await e.runToEnd()).steps.find((st) => st.name === 'token')?.error?.code).toBe('TOKEN_INVALID_CLIENT');
    await store.setMethod(s.issuer, clientId, 'client_secret_post');
    await e.rerun('token');
    const live = await e.runToEnd();
    await e.close();

    const picture = authMethodPicture(live);
    expect(picture.latest).toMatchObject({ used: 'client_secret_post', outcome: 'accepted', disagreements: [] });
    expect(picture.history).toHaveLength(1);
    expect(picture.history[0]).toMatchObject({ used: 'none', outcome: 'rejected', status: 401, error: 'invalid_client' });
    expect(picture.history[0]!.disagreements).toContainEqual({ kind: 'not-registered', used: 'none', registered: 'client_secret_post' });

    const view = card(live);
    expect(view.verdict).toBe('consistent');
    expect(view.tones).toEqual({ advertised: 'ok', registered: 'ok', used: 'ok' });
    expect(view.history).toEqual([{ attempt: picture.history[0]!.exchangeId, rules: expect.arrayContaining(['AM-03']) }]);

    for (const includeSecrets of [true, false]) {
      const { own, foreign } = reimport(live, includeSecrets);
      expect(authMethodPicture(own)).toEqual(picture);
      expect(card(own)).toEqual(view);
      // A recording made elsewhere has no stored client: it cannot know the method the cache lost and got back.
      const withoutDisagreements = (p: AuthMethodPicture) => recordable(p).attempts.map(({ disagreements: _d, ...a }) => a);
      expect(withoutDisagreements(authMethodPicture(foreign))).toEqual(withoutDisagreements(picture));
    }
    const { masked, redacted } = hiddenSets(live);
    expect(masked).toEqual(redacted);
  });

  it('the engine tries exactly the well-known URLs the diagnostics expect, for issuers with a query or trailing slashes', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const issuer of [`http://127.0.0.1:${port}/tenant1//`, `http://127.0.0.1:${port}/t?x=1`, `http://127.0.0.1:${port}/`]) {
        const e = engine({ ...defaultConfig({ kind: 'issuer', issuer }), headless: true, timeoutMs: 5_000 }, tempDir());
        const live = await e.runToEnd();
        await e.close();
        const expected = asMetadataCandidates(issuer).map((c) => c.url);
        const tried = (session: Session) => session.exchanges.filter((x) => x.role === 'as-metadata').map((x) => x.request.url);
        expect(tried(live)).toEqual(expected);
        expect(live.steps.find((st) => st.name === 'authorization-server-metadata')?.error?.code).toBe('METADATA_NOT_FOUND');
        const { own, foreign } = reimport(live, false);
        expect(tried(own)).toEqual(expected);
        expect(foreign.exchanges.map((x) => x.request.url)).toEqual(expected);
        // DSC-05 (no AS metadata at any well-known URL) names the same URLs the engine tried.
        const dsc = runDiagnostics(live).filter((d) => d.rule.startsWith('DSC-'));
        for (const d of dsc) for (const ev of d.evidence) if (ev.exchangeId) expect(expected).toContain(live.exchanges.find((x) => x.id === ev.exchangeId)!.request.url);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
