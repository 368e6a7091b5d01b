// What the engine needs from its host. The Node side provides real implementations
// (electron/services); the engine itself never touches the network or the disk.
import type {
  AuthMethod,
  ClientRecord,
  HttpRequest,
  HttpResponse,
  NetworkError,
  RegisteredMethod,
  Timings,
} from '../model.js';
import type { NetworkPolicy } from '../net/policy.js';

/** `sent` is the request exactly as it went out (with the headers the transport adds). */
export type HttpResult =
  | { outcome: 'response'; sent: HttpRequest; response: HttpResponse; timings: Timings; startedAt: string }
  | { outcome: 'network-error'; sent: HttpRequest; error: NetworkError; timings: Timings; startedAt: string };

export interface HttpSendOptions {
  /** The wait for the response head, then for each piece of the body. */
  timeoutMs: number;
  /**
   * The whole request, head and body (default: requestDeadline of shared/model.ts). Past it, a
   * response that has begun resolves with what arrived, marked incomplete.
   */
  deadlineMs?: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  /** Addresses on the user's own network are not fetched for a public target without consent. */
  policy?: NetworkPolicy;
}

export interface HttpClient {
  /** Sends exactly `request` (no redirects followed, no headers added) and records what came back. */
  /**
   * An abort after the response head resolves with what was received so far (a client closing
   * an SSE stream); before it, with a network error.
   */
  send(request: HttpRequest, opts: HttpSendOptions): Promise<HttpResult>;
  /** How requests to `url` travel: "direct", "via proxy http://proxy:3128", "extra CA from ca.pem". */
  describeTransport?(url: string): string;
}

export interface CallbackCapture {
  request: HttpRequest;
  response: HttpResponse;
  startedAt: string;
}

export interface RedirectListener {
  /** http://127.0.0.1:<port>/callback */
  readonly redirectUri: string;
  /** Resolves with the first request to the callback path; rejects on timeout or close. */
  wait(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<CallbackCapture>;
  close(): Promise<void>;
}

export interface RedirectListenerFactory {
  /** Binds 127.0.0.1 on the given port (0: a free one). */
  listen(port?: number): Promise<RedirectListener>;
}

export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/**
 * Serves a client ID metadata document for a client profile that registers that way (its real
 * document lives at a public https URL that no server here can fetch): the URL it is served at
 * is the client_id, so the document is built for its URL.
 */
export interface ClientMetadataHost {
  publish(document: (url: string) => Record<string, unknown>): Promise<string>;
}

export interface ClientStore {
  list(): Promise<ClientRecord[]>;
  get(issuer: string): Promise<ClientRecord | undefined>;
  put(record: ClientRecord): Promise<void>;
  setMethod(issuer: string, clientId: string, method: RegisteredMethod): Promise<ClientRecord | undefined>;
  forget(issuer: string, clientId: string): Promise<boolean>;
}

export interface PrivateKeyInput {
  /** A JWK (JSON text) or a PKCS#8 PEM. */
  key: string;
}

export type { AuthMethod };
