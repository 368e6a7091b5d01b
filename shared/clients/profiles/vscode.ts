import { gh, src } from '../cite.js';

const OAUTH_TS = src('vscode src/vs/base/common/oauth.ts fetchAuthorizationServerMetadata', 'https://github.com/microsoft/vscode/blob/05f882b02c51633f2e1e8252722f8c3b626d74a9/src/vs/base/common/oauth.ts');
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const vscode: ClientProfile = {
  id: 'vscode',
  name: 'VS Code',
  version: '1.10x (2026)',
  kind: 'app',
  summary: 'DCR with vscode.dev redirect URIs and two loopback ones; asks for every scopes_supported of the resource, with no override; sends resource.',
  behaviour: basedOnReference({
    extraRedirectUris: { value: ['https://vscode.dev/redirect', 'https://insiders.vscode.dev/redirect', 'http://127.0.0.1/', 'http://127.0.0.1:33418/'], cite: [gh('microsoft/vscode', 278512), gh('microsoft/vscode', 257415)] },
    scope: { value: 'prm-scopes', cite: [gh('microsoft/vscode', 316235)] },
    issuerCheck: { value: 'none', cite: [OAUTH_TS], note: 'takes the first document that parses as metadata' },
    asDiscovery: { value: 'mcp', cite: [OAUTH_TS] },
    insufficientScope: { value: 'step-up', cite: [gh('microsoft/vscode', 269883)], note: 'replaces the scope with the challenged one (no union); treats any 403 like a 401' },
  }),
  messages: { authorize: { value: 'AADSTS9010010: The resource parameter provided in the request doesn\'t match with the requested scopes.', cite: [gh('microsoft/vscode', 321249)], note: 'Entra ID, where resource conflicts with api:// scopes' } },
  simulated: ['the vscode.dev redirect URIs are registered as VS Code registers them, but the callback is received on loopback'],
  notModelled: [{ value: 'without DCR it asks the user for a client id', cite: [gh('microsoft/vscode', 257415)] }],
};
