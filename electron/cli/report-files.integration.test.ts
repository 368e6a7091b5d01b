// --html, --junit, --sarif from run, lint, matrix and probe against the sandbox on loopback: each
// file valid against its published schema, saying what the run found, and holding no secret.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, sandbox, tempDir } from '../test-support/cli.js';
import { junitProblems, sarifValidator } from '../test-support/report-schemas.js';

const validSarif = sarifValidator();

interface Sarif {
  runs: { tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation?: { artifactLocation: { uri: string } }; logicalLocations?: { name: string }[] }[] }[] }[];
}

function outputs(dir: string) {
  return { html: `${dir}/report.html`, junit: `${dir}/junit.xml`, sarif: `${dir}/report.sarif` };
}

const asked = (files: ReturnType<typeof outputs>) => ['--html', files.html, '--junit', files.junit, '--sarif', files.sarif];

async function read(files: ReturnType<typeof outputs>) {
  const junit = readFileSync(files.junit, 'utf8');
  const sarif = JSON.parse(readFileSync(files.sarif, 'utf8')) as Sarif;
  expect(await junitProblems(junit)).toEqual([]);
  expect(validSarif(sarif)).toEqual([]);
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  expect(sarif.runs[0]!.tool.driver).toMatchObject({ name: 'Authtrace', version });
  return { html: readFileSync(files.html, 'utf8'), junit, sarif: sarif.runs[0]! };
}

/** The testcase element of that name, whole. */
const testcase = (junit: string, name: RegExp) => junit.match(new RegExp(`<testcase classname="[^"]*" name="${name.source}[^"]*"[^>]*(/>|>[\\s\\S]*?</testcase>)`))?.[0];

/** Every secret of a run, read from its HAR written with --include-secrets, and the stored client's secret. */
function secretsOf(harFile: string, dataDir: string): string[] {
  const har = JSON.parse(readFileSync(harFile, 'utf8')) as { log: { entries: { request: { postData?: { text?: string } }; response: { content: { text?: string }; headers: { name: string; value: string }[] } }[] } };
  const found = new Set<string>();
  for (const e of har.log.entries) {
    const form = new URLSearchParams(e.request.postData?.text ?? '');
    for (const k of ['code', 'code_verifier', 'client_secret', 'refresh_token']) if (form.get(k)) found.add(form.get(k)!);
    const location = e.response.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (location && URL.canParse(location) && new URL(location).searchParams.get('code')) found.add(new URL(location).searchParams.get('code')!);
    try {
      const body = JSON.parse(e.response.content.text ?? '') as Record<string, unknown>;
      for (const k of ['access_token', 'refresh_token', 'client_secret']) if (typeof body[k] === 'string') found.add(body[k] as string);
    } catch {
      // not JSON
    }
  }
  const store = JSON.parse(readFileSync(`${dataDir}/clients.json`, 'utf8')) as { clients: { client_secret?: string }[] };
  for (const c of store.clients) if (c.client_secret) found.add(c.client_secret);
  return [...found];
}

describe('shareable reports', () => {
  it('run against omits-none: AM-02 fails its testcase and is a SARIF error; the HTML shows steps, card and diagnostic; no secret in any file, even with --include-secrets', async () => {
    const s = await sandbox('omits-none');
    const dir = tempDir();
    const dataDir = tempDir();
    const files = outputs(dir);
    const r = await cli('run', s.mcpUrl, '--headless', '--data-dir', dataDir, '--refresh', '--har', `${dir}/full.har`, '--include-secrets', ...asked(files));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`HTML report written to ${files.html}`);
    const { html, junit, sarif } = await read(files);

    expect(testcase(junit, /AM-02/)).toMatch(/<failure type="AM-02 error" message="[^"]+">/);
    expect(testcase(junit, /token/)).not.toContain('<failure');
    expect(junit).toMatch(/<testsuite name="authtrace run http:\/\/127\.0\.0\.1:\d+\/mcp" tests="\d+" failures="[1-9]\d*"/);

    const am02 = sarif.results.find((x) => x.ruleId === 'AM-02')!;
    expect(am02.level).toBe('error');
    expect(am02.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(s.mcpUrl);
    expect(am02.locations[0]!.logicalLocations![0]!.name).toBe('authorization-server-metadata');
    expect(sarif.tool.driver.rules.find((x) => x.id === 'AM-02')!.helpUri).toMatch(/^https:\/\//);

    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;');
    expect(html).toMatch(/<tr data-step="token" data-status="done">/);
    expect(html).toContain('data-rule="AM-02"');
    expect(html).toContain('Token endpoint auth method');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=/i);

    const secrets = secretsOf(`${dir}/full.har`, dataDir);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const file of Object.values(files)) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
    }
  });

  it('run that fails at the token step: the step is a failed testcase with its error code; lint of its HAR writes the three files too', async () => {
    const s = await sandbox('none-first');
    const dataDir = tempDir();
    await cli('run', s.mcpUrl, '--headless', '--data-dir', dataDir, '--register-method', 'client_secret_post');
    await cli('clients', 'set-method', s.issuer, 'unknown', '--data-dir', dataDir);
    const dir = tempDir();
    const files = outputs(dir);
    const r = await cli('run', s.mcpUrl, '--headless', '--data-dir', dataDir, '--strategy', 'first-advertised', '--har', `${dir}/run.har`, ...asked(files));
    expect(r.code).toBe(1);
    const run = await read(files);
    expect(testcase(run.junit, /token/)).toMatch(/<failure type="[A-Z_]+" message="[^"]*401[^"]*">/);
    expect(run.html).toMatch(/<tr data-step="token" data-status="failed">/);
    expect(run.html).toContain('data-outcome="failed"');
    expect(run.sarif.results.map((x) => x.ruleId)).toEqual(expect.arrayContaining(['AM-03', 'AM-08']));

    const lintDir = tempDir();
    const lintFiles = outputs(lintDir);
    const lint = await cli('lint', `${dir}/run.har`, ...asked(lintFiles));
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`SARIF written to ${lintFiles.sarif}`);
    const linted = await read(lintFiles);
    expect(testcase(linted.junit, /token/)).toContain('<failure');
    expect(linted.junit).toContain('name="authtrace lint file://');
    const am03 = linted.sarif.results.find((x) => x.ruleId === 'AM-03')!;
    expect(am03.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(new URL(`file://${dir}/run.har`).href);
    expect(linted.html).toContain('Lint of');
    expect(linted.html).toContain('data-rule="AM-08"');
  });

  it('matrix against none-first: a testcase per client profile, the C# cached session failing; a SARIF result for it; the HTML table', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    const files = outputs(dir);
    const r = await cli('matrix', s.mcpUrl, '--clients', 'reference,mcp-csharp-sdk-1.3.0', '--json', '--data-dir', tempDir(), ...asked(files));
    expect(r.code).toBe(1);
    const { html, junit, sarif } = await read(files);
    expect(junit.match(/<testcase /g)).toHaveLength(2);
    expect(testcase(junit, /[^"]*\(reference\)/)).toMatch(/<system-out>first session: works/);
    expect(testcase(junit, /[^"]*\(mcp-csharp-sdk-1\.3\.0\)/)).toMatch(/<failure type="[^"]+" message="cached session fails at token/);
    expect(sarif.results).toHaveLength(1);
    expect(sarif.results[0]).toMatchObject({ ruleId: 'MATRIX-01', level: 'error', locations: [{ logicalLocations: [{ name: 'mcp-csharp-sdk-1.3.0' }] }] });
    expect(html).toMatch(/<tr data-client="mcp-csharp-sdk-1\.3\.0" data-pass="cached" data-flow="failed">/);
  });

  it('probe of omits-none: PRB-01 warnings as SARIF results, failed testcases only at --fail-on warning, the advertised-by-accepted table', async () => {
    const s = await sandbox('omits-none');
    const dir = tempDir();
    const files = outputs(dir);
    const r = await cli('probe', s.mcpUrl, '--yes', '--fail-on', 'warning', '--data-dir', tempDir(), ...asked(files));
    expect(r.code).toBe(1);
    const { html, junit, sarif } = await read(files);
    expect(sarif.results.filter((x) => x.ruleId === 'PRB-01').map((x) => x.level)).toEqual(['warning', 'warning', 'warning']);
    expect(testcase(junit, /token endpoint: a client registered for none/)).toMatch(/<failure type="PRB-01 warning"/);
    expect(testcase(junit, /token endpoint: a client registered for client_secret_basic/)).not.toContain('<failure');
    expect(html).toMatch(/<tr data-method="none"><td class="mono">none<\/td><td>no<\/td>/);
    expect(html).toContain('data-rule="PRB-01"');

    const lenient = tempDir();
    const again = outputs(lenient);
    await cli('probe', s.mcpUrl, '--yes', '--data-dir', tempDir(), ...asked(again));
    expect((await read(again)).junit).not.toContain('<failure');
  });

  it('an unwritable file is reported with its option and fails the command; two options naming one file are refused', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    writeFileSync(`${dir}/file`, 'x');
    const r = await cli('run', s.mcpUrl, '--headless', '--data-dir', tempDir(), '--junit', `${dir}/file/junit.xml`, '--html', `${dir}/ok.html`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write --junit .*junit\.xml: a part of the path .* is a file, not a folder/);
    expect(existsSync(`${dir}/ok.html`)).toBe(true);
    const same = await cli('run', s.mcpUrl, '--headless', '--har', `${dir}/x`, '--sarif', `${dir}/x`);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('--sarif and --har name the same file');
  });
});
