// What a client's error message usually means: paste what Claude Code, Cursor or an SDK said, get the
// likely causes, the side that should change, the rules that detect each, and the command that checks.
import { gh, MEASURED } from './cite.js';
import type { Citation } from './types.js';

export interface Cause {
  cause: string;
  /** Who should change something. */
  side: 'server' | 'client' | 'either';
  /** Catalogue rules that detect it in a run (docs/RULES.md). */
  rules: readonly string[];
}

export interface KnownSymptom {
  id: string;
  /** The text as clients show it. */
  symptom: string;
  /** Which clients show it. */
  clients: readonly string[];
  /** Matched case-insensitively against what the user pasted. */
  patterns: readonly RegExp[];
  causes: readonly Cause[];
  /** The command that checks a server for it (URL stands for the MCP server). */
  check: string;
  cite: readonly Citation[];
}

export const KNOWN_SYMPTOMS: readonly KnownSymptom[] = [
  {
    id: 'existing-client-required',
    symptom: 'Existing OAuth client information is required when exchanging an authorization code',
    clients: ['MCP TypeScript SDK clients', 'Claude Code', 'mcp-remote'],
    patterns: [/existing oauth client information is required/i, /client information is required/i],
    causes: [
      { cause: 'The token endpoint answered 401 invalid_client, and the SDK threw the stored client away before retrying the code without one. Whatever caused the 401 ends here.', side: 'either', rules: ['AM-03', 'AM-04'] },
      { cause: 'The server advertises token_endpoint_auth_methods_supported without "none" while it registers public clients, so clients that trust the metadata pick a secret method they have no secret for.', side: 'server', rules: ['AM-02', 'AM-01'] },
      { cause: 'A cached client lost its method and the client picked another one (the RFC 7591 default, or the first advertised).', side: 'client', rules: ['AM-07', 'AM-08'] },
    ],
    check: 'authtrace matrix URL --clients mcp-ts-sdk-v2,claude-code,mcp-remote',
    cite: [MEASURED, gh('modelcontextprotocol/python-sdk', 2260)],
  },
  {
    id: 'invalid-client',
    symptom: 'invalid_client (401 from the token endpoint)',
    clients: ['every client'],
    patterns: [/invalid_client/i, /invalid client/i, /client authentication failed/i],
    causes: [
      { cause: 'The client authenticated with another method than the one it registered (Basic for a client_secret_post client, none for a confidential one).', side: 'client', rules: ['AM-03', 'AM-08'] },
      { cause: 'The method used is not one the server advertises, or the server accepts a method it does not advertise.', side: 'either', rules: ['AM-04', 'AM-01'] },
      { cause: 'Two authentication methods in one request (a Basic header and client_id or client_secret in the body).', side: 'client', rules: ['AM-05'] },
      { cause: 'Basic credentials not form-urlencoded before base64.', side: 'client', rules: ['AM-09'] },
    ],
    check: 'authtrace run URL --headless',
    cite: [gh('modelcontextprotocol/csharp-sdk', 1611), gh('openai/codex', 40928), gh('modelcontextprotocol/python-sdk', 3138)],
  },
  {
    id: 'incompatible-auth-server',
    symptom: 'Incompatible auth server: does not support dynamic client registration',
    clients: ['Claude Code'],
    patterns: [/incompatible auth server/i, /does not support dynamic client registration/i],
    causes: [
      { cause: 'The authorization server publishes no registration_endpoint and no client_id_metadata_document_supported, so a client without a configured client id cannot register.', side: 'server', rules: ['REG-07'] },
    ],
    check: 'authtrace run URL --headless',
    cite: [gh('anthropics/claude-code', 67258), gh('anthropics/claude-code', 90190)],
  },
  {
    id: 'aadsts9010010',
    symptom: "AADSTS9010010: The resource parameter provided in the request doesn't match with the requested scopes",
    clients: ['VS Code', 'Claude Code', 'FastMCP'],
    patterns: [/aadsts9010010/i, /resource parameter provided in the request doesn.t match/i],
    causes: [
      { cause: 'Entra ID refuses an RFC 8707 resource that differs from the api:// application of the requested scopes; MCP clients must send resource.', side: 'server', rules: ['RES-01', 'PRM-01'] },
    ],
    check: 'authtrace run URL --headless',
    cite: [gh('microsoft/vscode', 321249), gh('anthropics/claude-code', 73460)],
  },
  {
    id: 'no-scope-denied',
    symptom: 'access_denied, invalid_scope or invalid_grant from an authorization server when the client sent no scope',
    clients: ['Claude Code', 'Copilot CLI', 'Codex'],
    patterns: [/access_denied/i, /invalid_scope/i, /invalid_grant.*scope|scope.*invalid_grant/i],
    causes: [
      { cause: 'The authorization server needs a scope (it has no default) and the client sent none or one it does not know.', side: 'either', rules: ['CB-03', 'PRM-04'] },
    ],
    check: 'authtrace run URL --headless',
    cite: [gh('anthropics/claude-code', 90190), gh('openai/codex', 23242)],
  },
  {
    id: 'iss-mismatch',
    symptom: 'The iss of the authorization response does not match the issuer',
    clients: ['MCP TypeScript SDK clients', 'Goose'],
    patterns: [/\biss\b.*(mismatch|does not match|unexpected)/i, /(missing|unexpected).*\biss\b/i, /authorization.response.*issuer/i],
    causes: [
      { cause: 'The server sends iss that differs from the issuer of its metadata, or promises iss and leaves it out.', side: 'server', rules: ['CB-02'] },
      { cause: 'The client drops iss from the callback and then fails the check it owes a server that promised it.', side: 'client', rules: ['CB-02'] },
    ],
    check: 'authtrace matrix URL --clients reference,goose',
    cite: [gh('block/goose', 10677)],
  },
  {
    id: 'issuer-mismatch',
    symptom: 'The issuer of the authorization server metadata does not match',
    clients: ['Copilot CLI 1.0.80+', 'MCP TypeScript SDK v2'],
    patterns: [/issuer.*(mismatch|does not match|not match)/i, /unexpected.*issuer/i],
    causes: [{ cause: 'The metadata’s issuer differs from the URL the document was fetched from (trailing slash, case, another host).', side: 'server', rules: ['DSC-01'] }],
    check: 'authtrace run URL --headless',
    cite: [gh('github/copilot-cli', 4490)],
  },
  {
    id: 'resource-mismatch',
    symptom: 'The protected resource metadata does not match the MCP server URL',
    clients: ['Gemini CLI', 'MCP TypeScript SDK clients'],
    patterns: [/protected resource.*(does not match|mismatch)/i, /resource.*(does not match|mismatch)/i],
    causes: [
      { cause: 'The resource metadata names another resource than the MCP server.', side: 'server', rules: ['PRM-01'] },
      { cause: 'The client compares resource as exact strings, so a resource published as the origin stops it.', side: 'client', rules: [] },
    ],
    check: 'authtrace matrix URL --clients reference,gemini-cli',
    cite: [gh('google-gemini/gemini-cli', 20017)],
  },
  {
    id: 'insufficient-scope',
    symptom: 'insufficient_scope (403), or "token expired" after a step-up',
    clients: ['Claude Code'],
    patterns: [/insufficient_scope/i, /token (has )?expired/i],
    causes: [{ cause: 'The server asks for more scope; it must answer 403 with the scope it needs, and the client must authorize again with the union.', side: 'either', rules: ['WWA-05', 'TOK-03'] }],
    check: 'authtrace run URL --headless --call-tool <tool>',
    cite: [gh('anthropics/claude-code', 39626), gh('anthropics/claude-code', 68720)],
  },
  {
    id: 'dpop',
    symptom: 'use_dpop_nonce, invalid_dpop_proof, or a DPoP-bound token refused',
    clients: ['DPoP clients'],
    patterns: [/use_dpop_nonce/i, /invalid_dpop_proof/i, /\bdpop\b/i],
    causes: [
      { cause: 'The server demanded a nonce and the client did not send it (or the server did not send DPoP-Nonce).', side: 'either', rules: ['DPOP-03'] },
      { cause: 'The proof does not match the request (htm, htu, ath) or the token went out as Bearer.', side: 'client', rules: ['DPOP-02', 'DPOP-01'] },
      { cause: 'The resource requires DPoP, and the client used Bearer tokens.', side: 'either', rules: ['DPOP-04'] },
    ],
    check: 'authtrace run URL --headless',
    cite: [{ ref: 'RFC 9449 §8', url: 'https://www.rfc-editor.org/rfc/rfc9449#section-8' }],
  },
  {
    id: 'redirect-uri',
    symptom: 'invalid_redirect_uri, or the registration refuses a redirect URI',
    clients: ['Cursor', 'VS Code'],
    patterns: [/invalid_redirect_uri/i, /redirect_uri/i, /redirect uri/i],
    causes: [
      { cause: 'The server refuses custom-scheme redirect URIs (cursor://) or https redirect URIs of another host at registration.', side: 'server', rules: [] },
      { cause: 'The authorize redirect_uri is not exactly a registered one (a loopback one may differ only in port).', side: 'either', rules: ['REG-01', 'REG-02'] },
    ],
    check: 'authtrace matrix URL --clients cursor,vscode',
    cite: [gh('better-auth/better-auth', 10946), gh('cloudflare/workers-oauth-provider', 29), gh('microsoft/vscode', 278512)],
  },
];

export interface Explained extends KnownSymptom {
  /** How many of its patterns matched: the best first. */
  score: number;
}

/** The known symptoms that match the text, the best first. */
export function explain(text: string): Explained[] {
  return KNOWN_SYMPTOMS.map((s) => ({ ...s, score: s.patterns.filter((p) => p.test(text)).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
}
