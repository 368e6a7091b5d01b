// The probe's verdicts (docs/PROBE.md) and the matrix's one, as rules beside the diagnostics catalogue.
import { RULES, type RuleInfo } from '../diagnostics/index.js';
import type { Severity } from '../model.js';

export interface ReportRule {
  id: string;
  title: string;
  severities: readonly Severity[];
  /** Where the rule is explained: a spec clause for diagnostics; none for the probe's own verdicts. */
  spec?: { ref: string; url: string };
}

const PROBE_TITLES: Record<string, [string, ...Severity[]]> = {
  'PRB-01': ['A method is accepted but not advertised', 'warning'],
  'PRB-02': ['A method is advertised, but registering for it fails or the token endpoint refuses it', 'error'],
  'PRB-03': ['A client registered with a secret method is let through with its client_id alone', 'error'],
  'PRB-04': ['client_secret_basic and client_secret_post are interchangeable', 'info'],
  'PRB-05': ['An answer that does not say whether client authentication passed', 'info'],
  'PRB-06': ['A client the server does not know gets invalid_grant, not invalid_client', 'warning'],
  'PRB-07': ['A token the server never issued is not answered 401 with a Bearer challenge', 'error', 'info'],
  'PRB-08': ['The registration endpoint accepts redirect URIs it should refuse', 'error', 'warning'],
  'PRB-09': ['A registration that asked for one method came back with another', 'warning'],
  'PRB-10': ['PKCE is not required', 'error'],
  'PRB-11': ['PKCE is not verified', 'error'],
  'PRB-12': ['code_challenge_method=plain gets a code', 'warning'],
  'PRB-13': ['The server redirects to a redirect URI the client never registered', 'error'],
  'PRB-14': ['The registered loopback redirect URI on another port is refused', 'warning'],
  'PRB-15': ['The authorization response changes or drops state, or its iss is wrong or missing', 'error', 'info'],
  'PRB-16': ['The MCP server serves a token issued for another resource', 'error'],
  'PRB-17': ['A public client\'s refresh token is not rotated, or a rotated one is taken again', 'warning', 'error'],
};

export const PROBE_RULES: readonly ReportRule[] = Object.entries(PROBE_TITLES).map(([id, [title, ...severities]]) => ({ id, title, severities }));

export const MATRIX_RULE: ReportRule = { id: 'MATRIX-01', title: 'A client profile cannot complete the flow against this server', severities: ['error'] };

const fromCatalogue = (rule: RuleInfo): ReportRule => ({ id: rule.id, title: rule.title, severities: rule.severities, spec: rule.spec });

/** Every rule a report can cite: the diagnostics catalogue, the probe's verdicts and the matrix's. */
export const REPORT_RULES: readonly ReportRule[] = [...Object.values(RULES).map(fromCatalogue), ...PROBE_RULES, MATRIX_RULE];
