// What the steps share: the flow's findings so far, the recorder, and the host's ports.
import type { ClientRecord, MethodChoice, ExchangeRole, HttpRequest, HttpResponse, Revision, SessionConfig, StepName } from '../model.js';
import { CodedError } from '../errors/index.js';
import type { StepCode } from '../errors/step.js';
import type { Challenge } from '../http/www-authenticate.js';
import type { DpopKey } from './dpop.js';
import type { BrowserOpener, ClientMetadataHost, ClientStore, HttpClient, HttpResult, RedirectListener, RedirectListenerFactory } from './ports.js';

export interface AuthorizationServerMetadata {
  issuer?: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  registration_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  scopes_supported?: string[];
  grant_types_supported?: string[];
  client_id_metadata_document_supported?: boolean;
  authorization_response_iss_parameter_supported?: boolean;
  [key: string]: unknown;
}

/** token_endpoint_auth_methods_supported as published; null when absent (or no metadata yet). */
export function advertisedMethods(as: AuthorizationServerMetadata | undefined): string[] | null {
  const list = as?.token_endpoint_auth_methods_supported;
  return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : null;
}

export interface ProtectedResourceMetadata {
  resource?: string;
  authorization_servers?: string[];
  scopes_supported?: string[];
  [key: string]: unknown;
}

export interface Tokens {
  access_token: string;
  token_type?: string;
  refresh_token?: string;
  scope?: string;
  expires_in?: unknown;
}

/** Findings of the flow so far; each step reads what earlier steps found. */
export interface FlowState {
  revision: Revision;
  revisionPinned: boolean;
  mcpUrl?: string;
  challenge?: { raw: string; parsed?: Challenge; resourceMetadataUrl?: string; scope?: string };
  resourceMetadata?: ProtectedResourceMetadata;
  resource?: string;
  /** The issuer the client believes it talks to (from PRM, the target, or the MCP origin). */
  issuer?: string;
  /** The AS was assumed at the MCP origin (2025-03-26 servers without resource metadata). */
  legacyAuthorizationBase?: boolean;
  as?: AuthorizationServerMetadata;
  client?: ClientRecord;
  /** The session's DPoP key, when the authorization server supports DPoP (RFC 9449). */
  dpop?: DpopKey;
  listener?: RedirectListener;
  authorization?: {
    url: string;
    state: string;
    codeVerifier: string;
    redirectUri: string;
    scope?: string;
    resource?: string;
  };
  code?: string;
  tokens?: Tokens;
  /** Scopes asked for so far (step-up takes the union). */
  scopes: string[];
  stepUps: number;
  /** The MCP step's request as prepared, to tell whether the user edited it. */
  mcpPrepared?: HttpRequest;
  /** Set by the mcp step when the server asked for more scope. */
  stepUpRequested?: string;
}

/** What a step found: the fields it sets (undefined clears one). The engine records which step wrote each. */
export type StatePatch = { [K in keyof FlowState]?: FlowState[K] | undefined };

export interface StepRuntime {
  config: SessionConfig;
  /** Read-only: a step hands what it found to `write`. */
  state: Readonly<FlowState>;
  http: HttpClient;
  redirect: RedirectListenerFactory;
  browser: BrowserOpener;
  clients: ClientStore;
  clientMetadata?: ClientMetadataHost;
  /** Aborted when the run is stopped (deadline, Ctrl+C): whatever a step waits for ends with it. */
  signal: AbortSignal;
  /**
   * A stop a compliant client must make: throws `failure` (which names its rule), unless the user
   * asked to continue past that rule, in which case the continuation is recorded and the step goes on.
   */
  stopUnlessContinued(failure: StepFailure): void;
  /** Sends a request and records the exchange under the current step. */
  send(request: HttpRequest, role: ExchangeRole, purpose: string, signal?: AbortSignal): Promise<HttpResult & { exchangeId: string }>;
  /** Records an exchange that Authtrace did not send itself (browser navigation, callback). */
  recordBrowser(entry: BrowserRecord): string;
  /** Called while the user must act in the browser. */
  setWaitingForBrowser(url: string | undefined): void;
  /** Records which method the token step chose and why; what was used is read from the exchange. */
  recordChoice(choice: MethodChoice): void;
  /**
   * Applies what the step found to the flow state, owned by this step: a re-run of it or of an
   * earlier step forgets it. `owner` names an earlier step whose finding this one replaces in place.
   */
  write(patch: StatePatch, opts?: { owner: StepName }): void;
}

export type BrowserRecord =
  | { kind: 'opened'; request: HttpRequest; role: ExchangeRole; purpose: string }
  | {
      kind: 'received';
      request: HttpRequest;
      response: HttpResponse;
      startedAt: string;
      role: ExchangeRole;
      purpose: string;
    };

/** A step either has a request to show and send, or finishes without one. */
export type Preparation =
  | { kind: 'request'; request: HttpRequest }
  | { kind: 'skip'; summary: string }
  | { kind: 'no-request'; summary: string };

export interface StepDefinition {
  name: StepName;
  prepare(rt: StepRuntime): Promise<Preparation>;
  /** Sends the (possibly edited) request and whatever follow-ups the step needs; returns a summary. */
  execute(rt: StepRuntime, request: HttpRequest): Promise<string>;
}

/** A step that failed for a reason the user can act on. */
export class StepFailure extends CodedError {
  constructor(
    code: StepCode,
    message: string,
    hint?: string,
    /** The catalogue rule, when this is a stop a compliant client must make. */
    readonly rule?: string,
  ) {
    super(code, message, hint);
    this.name = 'StepFailure';
  }
}
