// Validators for --junit and --sarif against the published schemas in fixtures/schemas (SOURCES.md there).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = path.resolve(import.meta.dirname, '../../fixtures/schemas');

/**
 * SARIF 2.1.0 (draft-07) with ajv 8; its three formats checked here rather than by ajv-formats. The
 * schema's language pattern (`[a-zA-Z]{2}]?`) is valid only without the u flag, as JSON Schema's regex dialect reads it.
 */
export function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/** The problems xmllint finds validating JUnit XML against the Jenkins xUnit plugin's junit-10.xsd; [] when valid. */
export async function junitProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: readFileSync(path.join(SCHEMAS, 'junit-10.xsd'), 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
