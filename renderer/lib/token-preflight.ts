// What the next token request will send, checked against the client before it is sent: a method
// that needs a secret the client does not have fails without reaching the server, so the card says
// so before the browser step, with the settings in the app that fix it.
import { usesSharedSecret, type AuthMethod, type ClientRecord, type RegisteredMethod, type SessionConfig, type StepStatus } from '../../shared/model.js';

export type PreflightFix =
  /** Register a new client with this method (the server then issues a secret). */
  | { kind: 'register-as'; method: AuthMethod }
  /** Keep this client and type its secret (a pre-registered client). */
  | { kind: 'enter-secret'; clientId: string; registered: RegisteredMethod }
  /** Drop the override and send what the client is registered with. */
  | { kind: 'send-registered'; method: AuthMethod };

export type Preflight =
  | { kind: 'cannot-send'; method: AuthMethod; message: string; fixes: PreflightFix[] }
  | { kind: 'not-registered'; method: AuthMethod; registered: AuthMethod; message: string; fixes: PreflightFix[] };

export interface PreflightInput {
  config: Pick<SessionConfig, 'authMethod' | 'registration' | 'registerMethod' | 'newClient' | 'client' | 'privateKey' | 'clientSecret'>;
  /** The session's client, once the registration step has settled it. */
  client: ClientRecord | undefined;
  tokenStatus: StepStatus;
  /** The method applied to the token request the engine prepared, when it is prepared. */
  chosen: AuthMethod | null;
}

/** The client the session will have, as far as the settings alone say: known only for a new DCR registration by Authtrace's own client. */
function expectedClient(config: PreflightInput['config'], client: ClientRecord | undefined): { who: string; name: string; registered: RegisteredMethod; hasSecret: boolean; clientId?: string } | null {
  if (client) {
    const name = `the client ${client.client_id}`;
    return { who: `${name} (registered as ${client.token_endpoint_auth_method})`, name, registered: client.token_endpoint_auth_method, hasSecret: !!client.client_secret, clientId: client.client_id };
  }
  if (config.client) return null;
  if (config.registration === 'pre-registered' && config.clientSecret) return null;
  if (config.registration === 'dcr' || (config.registration === 'auto' && config.newClient)) {
    const method = config.registerMethod ?? 'none';
    return { who: `the client this session registers (as ${method})`, name: 'the client this session registers', registered: method, hasSecret: usesSharedSecret(method) };
  }
  return null;
}

function fixesFor(method: AuthMethod, client: NonNullable<ReturnType<typeof expectedClient>>): PreflightFix[] {
  const fixes: PreflightFix[] = [];
  if (client.registered !== 'unknown' && client.registered !== method && client.registered !== 'private_key_jwt' && (client.hasSecret || !usesSharedSecret(client.registered))) {
    fixes.push({ kind: 'send-registered', method: client.registered });
  }
  if (method !== 'private_key_jwt') fixes.push({ kind: 'register-as', method });
  if (client.clientId && method !== 'private_key_jwt') fixes.push({ kind: 'enter-secret', clientId: client.clientId, registered: client.registered });
  return fixes;
}

export function tokenPreflight({ config, client, tokenStatus, chosen }: PreflightInput): Preflight | null {
  if (tokenStatus === 'done' || tokenStatus === 'running' || tokenStatus === 'skipped') return null;
  const expected = expectedClient(config, client);
  if (!expected) return null;
  const method = (tokenStatus === 'ready' ? chosen : null) ?? config.authMethod ?? (expected.registered !== 'unknown' ? expected.registered : null);
  if (!method) return null;
  if (usesSharedSecret(method) && !expected.hasSecret) {
    return { kind: 'cannot-send', method, message: `${method} needs a client secret, and ${expected.who} has none: the token request cannot be sent.`, fixes: fixesFor(method, expected) };
  }
  if (method === 'private_key_jwt' && !config.privateKey) {
    return { kind: 'cannot-send', method, message: 'private_key_jwt needs a private key, which only the CLI can take (authtrace run --private-key <file>).', fixes: fixesFor(method, expected) };
  }
  if (expected.registered !== 'unknown' && expected.registered !== method) {
    return {
      kind: 'not-registered',
      method,
      registered: expected.registered,
      message: `${method} will be sent, but ${expected.name} is registered with ${expected.registered}: a server that holds clients to their registration refuses it (AM-03).`,
      fixes: fixesFor(method, expected).filter((f) => f.kind === 'send-registered'),
    };
  }
  return null;
}
