// The toolbar's editable settings, and how they become the Api's TargetInput + SessionOptions.
import { clientProfile, configOf } from '../../shared/clients/index.js';
import type { SandboxInfo, SessionOptions, TargetInput } from '../../shared/contract.js';
import {
  DEFAULT_TIMEOUT_MS,
  type AuthMethod,
  type RegistrationMode,
  type Revision,
  type SessionConfig,
  type Strategy,
} from '../../shared/model.js';

export type TargetKind = TargetInput['kind'];

export interface Draft {
  targetKind: TargetKind;
  profile: string;
  url: string;
  registration: RegistrationMode;
  registerMethod: AuthMethod | '';
  clientMetadataUrl: string;
  clientId: string;
  clientSecret: string;
  strategy: Strategy;
  authMethod: AuthMethod | '';
  scope: string;
  revision: Revision | '';
  newClient: boolean;
  refresh: boolean;
  /** The user's consent to fetch addresses on their own network that a public server hands over. */
  allowPrivateTargets: boolean;
  /** Rules whose compliance stops the user chose to go past (Continue anyway). */
  continueOn: string[];
  /** A client profile to behave as (shared/clients/); '' for Authtrace's own spec-strict client. */
  client: string;
}

export const DEFAULT_PROFILE = 'correct';

export const DEFAULT_DRAFT: Draft = {
  targetKind: 'sandbox',
  profile: DEFAULT_PROFILE,
  url: '',
  registration: 'auto',
  registerMethod: '',
  clientMetadataUrl: '',
  clientId: '',
  clientSecret: '',
  strategy: 'registered',
  authMethod: '',
  scope: '',
  revision: '',
  newClient: false,
  refresh: false,
  allowPrivateTargets: false,
  continueOn: [],
  client: '',
};

/**
 * The first draft: `authtrace web <url>` (and `npm start -- <url>`) put the server in the URL
 * fragment as `target=` (an MCP server) or `issuer=` (an authorization server).
 */
export function draftFromHash(hash: string): Draft {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const target = params.get('target');
  if (target) return { ...DEFAULT_DRAFT, targetKind: 'mcp', url: target };
  const issuer = params.get('issuer');
  if (issuer) return { ...DEFAULT_DRAFT, targetKind: 'issuer', url: issuer };
  return DEFAULT_DRAFT;
}

export function targetOf(draft: Draft): TargetInput {
  switch (draft.targetKind) {
    case 'sandbox':
      return { kind: 'sandbox', profile: draft.profile || DEFAULT_PROFILE };
    case 'mcp':
      return { kind: 'mcp', url: draft.url.trim() };
    case 'issuer':
      return { kind: 'issuer', issuer: draft.url.trim() };
  }
}

export function optionsOf(draft: Draft, timeoutMs = DEFAULT_TIMEOUT_MS): SessionOptions {
  const options: SessionOptions = {
    registration: draft.registration,
    strategy: draft.strategy,
    newClient: draft.newClient,
    timeoutMs,
  };
  if (draft.refresh) options.refresh = true;
  const profile = draft.client ? clientProfile(draft.client) : undefined;
  if (profile) options.client = configOf(profile).client;
  if (draft.allowPrivateTargets) options.allowPrivateTargets = true;
  if (draft.continueOn.length > 0) options.continueOn = [...draft.continueOn];
  if (draft.authMethod) options.authMethod = draft.authMethod;
  if (draft.scope.trim()) options.scope = draft.scope.trim();
  if (draft.revision) options.revision = draft.revision;
  if (draft.registration === 'dcr' && draft.registerMethod) options.registerMethod = draft.registerMethod;
  if (draft.registration === 'cimd' && draft.clientMetadataUrl.trim()) options.clientMetadataUrl = draft.clientMetadataUrl.trim();
  if (draft.registration === 'pre-registered') {
    if (draft.clientId.trim()) options.clientId = draft.clientId.trim();
    if (draft.clientSecret) options.clientSecret = draft.clientSecret;
    if (draft.registerMethod) options.registerMethod = draft.registerMethod;
  }
  return options;
}

// Not shared/schemas.ts's: that would bring zod into the page for one check.
function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** A problem that keeps the draft from starting a session, in words for the toolbar. */
export function draftProblem(draft: Draft): string | null {
  if (draft.targetKind !== 'sandbox') {
    const value = draft.url.trim();
    if (!value) return draft.targetKind === 'mcp' ? 'Enter the MCP server URL.' : 'Enter the issuer URL.';
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'The target must be an http(s) URL.';
    } catch {
      return `Not a URL: ${value}`;
    }
  }
  if (draft.registration === 'pre-registered' && !draft.clientId.trim()) return 'Enter the pre-registered client ID.';
  if (draft.registration === 'cimd') {
    const value = draft.clientMetadataUrl.trim();
    if (!value) return 'Enter the client ID metadata document URL.';
    if (!isHttpUrl(value)) return 'The client ID metadata document URL must be an http(s) URL.';
  }
  return null;
}

/** The draft that reproduces a running session's settings (after a reload, or opening a saved one). */
export function draftFromSession(config: SessionConfig, sandbox: SandboxInfo | undefined): Draft {
  const target: Pick<Draft, 'targetKind' | 'profile' | 'url'> = sandbox
    ? { targetKind: 'sandbox', profile: sandbox.profile, url: '' }
    : config.target.kind === 'mcp'
      ? { targetKind: 'mcp', profile: DEFAULT_PROFILE, url: config.target.url }
      : { targetKind: 'issuer', profile: DEFAULT_PROFILE, url: config.target.issuer };
  return {
    ...target,
    registration: config.registration,
    registerMethod: config.registerMethod ?? '',
    clientMetadataUrl: config.clientMetadataUrl ?? '',
    clientId: config.clientId ?? '',
    clientSecret: config.clientSecret ?? '',
    strategy: config.strategy,
    authMethod: config.authMethod ?? '',
    scope: config.scope ?? '',
    revision: config.revision ?? '',
    newClient: config.newClient,
    refresh: config.refresh === true,
    allowPrivateTargets: config.allowPrivateTargets === true,
    continueOn: config.continueOn ?? [],
    client: config.client?.profile ?? '',
  };
}

/** Choosing a client profile also sets what it decides that the toolbar shows: its strategy and its revision. */
export function withClient(draft: Draft, id: string): Draft {
  const profile = id ? clientProfile(id) : undefined;
  if (!profile) return { ...draft, client: '' };
  const config = configOf(profile);
  return { ...draft, client: id, strategy: config.strategy, revision: config.revision ?? '' };
}

/** Options the user changed that a re-run can apply without starting over. */
export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(optionsOf(a)) === JSON.stringify(optionsOf(b)) && JSON.stringify(targetOf(a)) === JSON.stringify(targetOf(b));
}

const SETTING_LABELS: Partial<Record<keyof Draft, string>> = {
  targetKind: 'target',
  profile: 'profile',
  url: 'URL',
  client: 'client',
  registration: 'registration',
  registerMethod: 'registered method',
  clientMetadataUrl: 'client metadata URL',
  clientId: 'client ID',
  clientSecret: 'client secret',
  strategy: 'strategy',
  authMethod: 'auth method',
  scope: 'scope',
  revision: 'revision',
  newClient: 'new client',
  refresh: 'refresh',
};

/** The toolbar settings that differ from the open session's: what Reset would apply. */
export function pendingChanges(draft: Draft, config: SessionConfig, sandbox: SandboxInfo | undefined): string[] {
  const running = draftFromSession(config, sandbox);
  const changed: string[] = [];
  for (const [key, label] of Object.entries(SETTING_LABELS) as [keyof Draft, string][]) {
    // The profile means something only for the sandbox, the URL only for a server.
    if (key === 'profile' && draft.targetKind !== 'sandbox') continue;
    if (key === 'url' && draft.targetKind === 'sandbox') continue;
    const a = draft[key];
    const b = running[key];
    if ((typeof a === 'string' ? a.trim() : a) !== (typeof b === 'string' ? b.trim() : b)) changed.push(label);
  }
  return changed;
}
