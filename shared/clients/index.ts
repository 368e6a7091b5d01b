// The client profiles, and how a profile becomes the configuration the engine runs.
import type { ClientBehaviour, SessionConfig } from '../model.js';
import { basicPreferring } from './profiles/basic-preferring.js';
import { claudeAi } from './profiles/claude-ai.js';
import { claudeCode } from './profiles/claude-code.js';
import { codex } from './profiles/codex.js';
import { copilotCli } from './profiles/copilot-cli.js';
import { cursor } from './profiles/cursor.js';
import { geminiCli } from './profiles/gemini-cli.js';
import { goose } from './profiles/goose.js';
import { mcpCsharpSdk } from './profiles/mcp-csharp-sdk.js';
import { mcpPythonSdk } from './profiles/mcp-python-sdk.js';
import { mcpRemote, mcpRemoteBefore07 } from './profiles/mcp-remote.js';
import { mcpTypescriptSdkV1, mcpTypescriptSdkV2 } from './profiles/mcp-typescript-sdk.js';
import { reference } from './profiles/reference.js';
import { vscode } from './profiles/vscode.js';
import type { ClientProfile } from './types.js';

export type { ClientProfile, Cited, Citation, FailureKind } from './types.js';

export const CLIENT_PROFILES: readonly ClientProfile[] = [
  reference,
  mcpTypescriptSdkV2,
  mcpTypescriptSdkV1,
  mcpPythonSdk,
  mcpCsharpSdk,
  claudeCode,
  claudeAi,
  cursor,
  vscode,
  codex,
  goose,
  geminiCli,
  copilotCli,
  mcpRemote,
  mcpRemoteBefore07,
  basicPreferring,
];

export function clientProfile(id: string): ClientProfile | undefined {
  return CLIENT_PROFILES.find((p) => p.id === id);
}

/** What the engine needs of a profile. */
export function behaviourOf(profile: ClientProfile): ClientBehaviour {
  const b = profile.behaviour;
  return {
    profile: profile.id,
    registrationPath: b.registrationPath.value,
    registerMethod: b.registerMethod.value,
    extraRedirectUris: [...b.extraRedirectUris.value],
    registrationScope: b.registrationScope.value,
    applicationType: b.applicationType.value,
    cacheKeepsMethod: b.cacheKeepsMethod.value,
    tokenMethod: b.tokenMethod.value,
    scope: b.scope.value,
    offlineAccess: b.offlineAccess.value,
    iss: b.iss.value,
    resourceCheck: b.resourceCheck.value,
    issuerCheck: b.issuerCheck.value,
    resourceParam: b.resourceParam.value,
    asDiscovery: b.asDiscovery.value,
    insufficientScope: b.insufficientScope.value,
    refreshScope: b.refreshScope.value,
  };
}

/** The session options that run a profile: its behaviour, its cached-client strategy, its revision. */
export function configOf(profile: ClientProfile): Pick<SessionConfig, 'client' | 'strategy' | 'revision'> {
  const revision = profile.behaviour.revision.value;
  return {
    client: behaviourOf(profile),
    strategy: profile.behaviour.strategy.value,
    ...(revision !== 'negotiate' && { revision }),
  };
}
