// HAR from real runs: valid HAR 1.2 for every sandbox profile, and no secret of the run anywhere
// in a redacted export; the same secret always redacts to the same marker.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportHar } from '../../shared/har/export.js';
import { importHar } from '../../shared/har/import.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { harValidator } from '../test-support/har-schema.js';
import { runJson, sandbox, tempDir } from '../test-support/cli.js';

const validate = harValidator();
const PROFILES = ['correct', 'none-first', 'omits-none', 'lenient-methods', 'legacy-2025-11-25', 'no-pkce-metadata', 'issuer-mismatch', 'unquoted-challenge', 'no-resource-metadata-header', 'legacy-2025-03-26', 'step-up', 'dcr-200', 'resource-mismatch', 'client-credentials', 'dpop-required', 'as-migration', 'invalid-grant-for-unknown-client', 'pkce-not-enforced', 'redirect-prefix-match', 'no-audience-check', 'iss-missing', 'accepts-any-token', 'lax-registration', 'advertises-unsupported-method', 'refresh-reuse-allowed'];

async function runWithHar(profile: string, includeSecrets: boolean, ...extra: string[]) {
  const s = await sandbox(profile);
  const file = `${tempDir()}/run.har`;
  const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--har', file, '--register-method', 'client_secret_post', '--refresh', ...(includeSecrets ? ['--include-secrets'] : []), ...extra);
  return { report, text: readFileSync(file, 'utf8') };
}

/** Every secret value the run produced, read from the unredacted export. */
function secretsOf(text: string): string[] {
  const har = JSON.parse(text) as { log: { entries: { request: { url: string; postData?: { text?: string } }; response: { content: { text?: string }; headers: { name: string; value: string }[] } }[] } };
  const found = new Set<string>();
  for (const e of har.log.entries) {
    const form = new URLSearchParams(e.request.postData?.text ?? '');
    for (const k of ['code', 'code_verifier', 'client_secret', 'refresh_token']) if (form.get(k)) found.add(form.get(k)!);
    const location = e.response.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
    const code = location && URL.canParse(location) ? new URL(location).searchParams.get('code') : null;
    if (code) found.add(code);
    try {
      const body = JSON.parse(e.response.content.text ?? '') as Record<string, unknown>;
      for (const k of ['access_token', 'refresh_token', 'client_secret', 'id_token']) if (typeof body[k] === 'string') found.add(body[k] as string);
    } catch {
      // not JSON
    }
  }
  return [...found];
}

describe('HAR of real runs', () => {
  it.each(PROFILES)('%s: the export is valid HAR 1.2 with one entry per exchange', async (profile) => {
    const { report, text } = await runWithHar(profile, false, ...(profile === 'step-up' ? ['--call-tool', 'admin-report'] : []));
    const har = JSON.parse(text) as { log: { entries: unknown[] } };
    expect(validate(har)).toEqual([]);
    expect(har.log.entries).toHaveLength(report.exchanges.length);
  });

  it('no secret of the run appears anywhere in the redacted export, and equal secrets share a marker', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    const full = `${tempDir()}/full.har`;
    await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--har', full, '--include-secrets', '--register-method', 'client_secret_basic', '--refresh');
    const fullText = readFileSync(full, 'utf8');
    const clientSecret = (JSON.parse(readFileSync(`${dir}/clients.json`, 'utf8')) as { clients: { client_secret: string }[] }).clients[0]!.client_secret;
    const secrets = [...secretsOf(fullText), clientSecret];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(fullText).toContain(secret);
    // The same session, exported as the CLI does by default.
    const imported = importHar(fullText);
    if (!imported.ok) throw new Error(imported.error);
    const redactedText = JSON.stringify(exportHar(imported.session, { diagnostics: runDiagnostics(imported.session), includeSecrets: false }));
    expect(validate(JSON.parse(redactedText))).toEqual([]);
    for (const secret of secrets) {
      expect(redactedText).not.toContain(secret);
      expect(redactedText).not.toContain(encodeURIComponent(secret));
    }
    expect(redactedText).not.toContain(Buffer.from(clientSecret).toString('base64').slice(0, 12));
    const markers = redactedText.match(/\[redacted:hmac:[0-9a-f]{8}\]/g) ?? [];
    // The refresh token issued at the token step is the one sent at the refresh step: one marker, seen twice.
    expect(new Set(markers).size).toBeLessThan(markers.length);
  });

  it('exporting a run and importing it gives the same steps and the same diagnostics', async () => {
    const { text } = await runWithHar('omits-none', true);
    const exported = JSON.parse(text) as { log: { _authtrace: { diagnostics: { rule: string }[]; steps: { name: string; status: string }[] } } };
    const imported = importHar(text);
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.session.steps.map((st) => [st.name, st.status])).toEqual(exported.log._authtrace.steps.map((st) => [st.name, st.status]));
    expect(runDiagnostics(imported.session).map((d) => d.rule)).toEqual(exported.log._authtrace.diagnostics.map((d) => d.rule));
  });
});
