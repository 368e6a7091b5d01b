import type { AuthMethod, ClientBehaviour, ClientRecord, HttpRequest, RegisteredMethod } from '../../model.js';
import { withoutUser } from '../grant.js';
import { boundJson } from '../../interpret/json-depth.js';
import { AUTH_METHODS } from '../../model.js';
import { advertisedMethods, StepFailure, type AuthorizationServerMetadata, type StepDefinition, type StepRuntime } from '../context.js';
import { selectScope } from './authorize.js';
import { readJsonObject, requireResponse, statusLine } from '../responses.js';
import { publicJwk } from '../client-auth-apply.js';
import { CLIENT_INFO } from '../mcp-messages.js';

type Plan =
  | { kind: 'stored'; client: ClientRecord }
  | { kind: 'pre-registered' }
  | { kind: 'cimd'; url: string }
  | { kind: 'imitated-cimd' }
  | { kind: 'dcr'; endpoint: string };

function plan(rt: StepRuntime, stored: ClientRecord | undefined): Plan {
  const { config, state } = rt;
  const as = state.as!;
  if (config.registration === 'pre-registered' || (config.registration === 'auto' && config.clientId)) return { kind: 'pre-registered' };
  // A stored client is reused the way a real client uses its cache: in auto mode, or when it was
  // made the way the user asks for now; never once its secret has expired (RFC 7591 §3.2.1).
  const modeMatches = config.registration === 'auto' || stored?.source === config.registration;
  if (stored && !config.newClient && modeMatches && !secretExpired(stored)) return { kind: 'stored', client: stored };
  const cimdSupported = as.client_id_metadata_document_supported === true;
  const path = config.client?.registrationPath ?? 'dcr';
  if (config.registration === 'auto' && !config.clientMetadataUrl && path !== 'dcr') {
    const noneAdvertised = (advertisedMethods(as) ?? []).includes('none');
    if (cimdSupported && (path !== 'cimd-when-none' || noneAdvertised)) return { kind: 'imitated-cimd' };
    if (path === 'cimd-only') {
      throw new StepFailure(
        'REGISTRATION_UNAVAILABLE',
        `${state.issuer} does not support client ID metadata documents, and ${config.client!.profile} registers no other way.`,
        'Server side: advertise client_id_metadata_document_supported and accept client ID metadata documents, or this client cannot connect.',
      );
    }
  }
  if (config.registration === 'cimd' || (config.registration === 'auto' && config.clientMetadataUrl && cimdSupported)) {
    if (!config.clientMetadataUrl) {
      throw new StepFailure('CONFIG_MISSING', 'Client ID metadata document registration needs the URL of the document.', 'Pass --client-metadata-url <https URL>.');
    }
    return { kind: 'cimd', url: config.clientMetadataUrl };
  }
  const endpoint = as.registration_endpoint;
  if (typeof endpoint !== 'string') {
    throw new StepFailure(
      'REGISTRATION_UNAVAILABLE',
      `${state.issuer} publishes no registration_endpoint${cimdSupported ? ' (it supports client ID metadata documents)' : ''}, so the client cannot register itself.`,
      cimdSupported
        ? 'Pass --client-metadata-url with a client ID metadata document, or --client-id (and --client-secret) for a pre-registered client.'
        : 'Register a client with the server by hand and pass --client-id (and --client-secret, --auth-method).',
    );
  }
  return { kind: 'dcr', endpoint };
}

/** The method a real client asks for in DCR: fixed, or its first preference that the AS advertises. */
function imitatedMethod(client: ClientBehaviour, as: AuthorizationServerMetadata): AuthMethod {
  if (client.registerMethod.kind === 'fixed') return client.registerMethod.method;
  const advertised = advertisedMethods(as) ?? ['client_secret_basic'];
  return client.registerMethod.order.find((m) => advertised.includes(m)) ?? client.registerMethod.otherwise;
}

/** What a client cache that keeps only the id and the secret remembers of a registration. */
function withoutMethod(client: ClientRecord): ClientRecord {
  const { registrationResponse: _response, requestedMethod: _requested, ...kept } = client;
  return { ...kept, token_endpoint_auth_method: 'unknown' };
}

function secretExpired(client: ClientRecord): boolean {
  const at = client.client_secret_expires_at;
  return typeof at === 'number' && at !== 0 && at * 1000 <= Date.now();
}

async function ensureListener(rt: StepRuntime, preferred?: string[]): Promise<string> {
  if (rt.state.listener) return rt.state.listener.redirectUri;
  const port = preferred?.map(loopbackPort).find((p): p is number => p !== undefined);
  const listener = await rt.redirect.listen(port ?? 0).catch(() => rt.redirect.listen(0));
  rt.write({ listener });
  return listener.redirectUri;
}

function loopbackPort(uri: string): number | undefined {
  try {
    const u = new URL(uri);
    return u.hostname === '127.0.0.1' && u.port ? Number(u.port) : undefined;
  } catch {
    return undefined;
  }
}

interface DcrBody {
  redirectUri: string;
  method: AuthMethod;
  scope: string | undefined;
  jwk: Record<string, unknown> | undefined;
  machine: boolean;
  client: ClientBehaviour | undefined;
}

function dcrRequest(endpoint: string, { redirectUri, method, scope, jwk, machine, client }: DcrBody): HttpRequest {
  // A machine client (client credentials) has no user, no redirect and no browser.
  const applicationType = client?.applicationType ?? (machine ? 'web' : 'native');
  const flow = machine
    ? { redirect_uris: [], grant_types: ['client_credentials'], response_types: [] }
    : { redirect_uris: [redirectUri, ...(client?.extraRedirectUris ?? [])], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
  const body = {
    client_name: client ? `Authtrace as ${client.profile}` : 'Authtrace',
    ...flow,
    ...(applicationType !== 'absent' && { application_type: applicationType }),
    token_endpoint_auth_method: method,
    software_id: 'authtrace',
    software_version: CLIENT_INFO.version,
    ...(scope && { scope }),
    ...(jwk && { jwks: { keys: [jwk] } }),
  };
  return {
    method: 'POST',
    url: endpoint,
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Accept', value: 'application/json' },
    ],
    body: JSON.stringify(body, null, 2),
  };
}

function asRegisteredMethod(value: unknown): RegisteredMethod {
  return typeof value === 'string' && (AUTH_METHODS as readonly string[]).includes(value) ? (value as AuthMethod) : 'unknown';
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

export const registrationStep: StepDefinition = {
  name: 'registration',
  async prepare(rt) {
    const issuer = rt.state.issuer!;
    const stored = await rt.clients.get(issuer);
    const p = plan(rt, stored);
    const now = new Date().toISOString();
    switch (p.kind) {
      case 'stored': {
        await ensureListener(rt, p.client.redirect_uris);
        rt.write({ client: p.client });
        return { kind: 'no-request', summary: `reused the stored client ${p.client.client_id} (registered as ${p.client.token_endpoint_auth_method}, from ${p.client.source})` };
      }
      case 'pre-registered': {
        const { clientId, clientSecret, authMethod, registerMethod } = rt.config;
        if (!clientId) throw new StepFailure('CONFIG_MISSING', 'A pre-registered client needs its client_id.', 'Pass --client-id (and --client-secret, --auth-method).');
        const redirectUri = await ensureListener(rt, stored?.redirect_uris);
        const same = stored?.client_id === clientId ? stored : undefined;
        // Without --client-secret, the secret already stored for this client still holds.
        const secret = clientSecret ?? same?.client_secret;
        const client: ClientRecord = {
          issuer,
          client_id: clientId,
          ...(secret && { client_secret: secret }),
          // The method the client was registered with, as the user gives it; else what the cache knew.
          token_endpoint_auth_method: registerMethod ?? authMethod ?? same?.token_endpoint_auth_method ?? 'unknown',
          source: 'pre-registered',
          redirect_uris: [redirectUri],
          createdAt: same?.createdAt ?? now,
          updatedAt: now,
        };
        await rt.clients.put(client);
        rt.write({ client });
        return { kind: 'no-request', summary: `using the pre-registered client ${clientId} (${client.token_endpoint_auth_method})` };
      }
      case 'cimd': {
        await ensureListener(rt);
        return { kind: 'request', request: { method: 'GET', url: p.url, headers: [{ name: 'Accept', value: 'application/json' }] } };
      }
      case 'imitated-cimd': {
        const redirectUri = await ensureListener(rt);
        const host = rt.clientMetadata;
        if (!host) throw new StepFailure('REGISTRATION_UNAVAILABLE', `${rt.config.client!.profile} registers through a client ID metadata document, and this host cannot serve one.`, 'Run it from the CLI or the app, which serve the document on loopback.');
        const client = rt.config.client!;
        const url = await host.publish((id) => ({
          client_id: id,
          client_name: `Authtrace as ${client.profile}`,
          redirect_uris: [redirectUri, ...client.extraRedirectUris],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
          ...(client.applicationType !== 'absent' && { application_type: client.applicationType }),
        }));
        return { kind: 'request', request: { method: 'GET', url, headers: [{ name: 'Accept', value: 'application/json' }] } };
      }
      case 'dcr': {
        const redirectUri = await ensureListener(rt);
        const machine = withoutUser(rt.config, rt.state.as);
        // A client acting for itself must authenticate: a public client cannot use client credentials.
        const method = rt.config.registerMethod ?? (rt.config.client ? imitatedMethod(rt.config.client, rt.state.as!) : machine ? 'client_secret_basic' : 'none');
        if (method === 'private_key_jwt' && !rt.config.privateKey) {
          throw new StepFailure('CONFIG_MISSING', 'Registering for private_key_jwt needs a key pair.', 'Pass --private-key <file> (a JWK or PKCS#8 PEM); its public half is sent as jwks.');
        }
        const jwk = method === 'private_key_jwt' ? await publicJwk(rt.config.privateKey!) : undefined;
        const scope = rt.config.client ? (rt.config.client.registrationScope === 'none' ? undefined : selectScope(rt)) : rt.config.scope;
        return { kind: 'request', request: dcrRequest(p.endpoint, { redirectUri, method, scope, jwk, machine, client: rt.config.client }) };
      }
    }
  },
  async execute(rt, request) {
    const issuer = rt.state.issuer!;
    const now = new Date().toISOString();
    const redirectUri = rt.state.listener!.redirectUri;
    if (request.method === 'GET') {
      // Client ID metadata document: the URL is the client_id. Fetching it shows what the AS will
      // see; the client does not need it itself, so a failed fetch is reported, not fatal.
      const result = await rt.send(request, 'client-metadata', 'client ID metadata document, as the authorization server will fetch it');
      const json = result.outcome === 'response' && result.response.status === 200 ? readJsonObject(result.response) : undefined;
      const doc = json?.ok ? json.value : undefined;
      const unreadable =
        result.outcome === 'network-error'
          ? result.error.message
          : result.response.status !== 200
            ? statusLine(result.response)
            : json && !json.ok
              ? json.reason
              : undefined;
      const client: ClientRecord = {
        issuer,
        client_id: request.url,
        token_endpoint_auth_method: asRegisteredMethod(doc?.token_endpoint_auth_method ?? 'none'),
        source: 'cimd',
        redirect_uris: strings(doc?.redirect_uris) ?? [redirectUri],
        ...(strings(doc?.grant_types) && { grant_types: strings(doc?.grant_types) }),
        ...(doc && { registrationResponse: boundJson(doc) }),
        createdAt: now,
        updatedAt: now,
      };
      await rt.clients.put(client);
      rt.write({ client });
      if (unreadable) return `client_id ${request.url} (the document could not be read from here: ${unreadable}; the authorization server must be able to fetch it)`;
      const served = rt.config.client && !rt.config.clientMetadataUrl ? `; served on loopback as ${rt.config.client.profile}'s document (simulated: its real one is at a public https URL)` : '';
      return `client ID metadata document ${request.url} (${client.token_endpoint_auth_method})${served}`;
    }
    const result = await rt.send(request, 'registration', 'dynamic client registration (RFC 7591)');
    const response = requireResponse(result, request.url);
    const json = readJsonObject(response);
    if (response.status !== 201 && response.status !== 200) {
      const detail = json.ok && typeof json.value.error === 'string' ? `: ${json.value.error}${typeof json.value.error_description === 'string' ? ` (${json.value.error_description})` : ''}` : '';
      throw new StepFailure(
        'REGISTRATION_REJECTED',
        `Registration at ${request.url} was refused with ${statusLine(response)}${detail}.`,
        'Read the response body; servers often reject the token_endpoint_auth_method or the redirect URI. Try --register-method or pre-register a client.',
      );
    }
    if (!json.ok || typeof json.value.client_id !== 'string') {
      throw new StepFailure('REGISTRATION_INVALID_RESPONSE', `${request.url} answered ${statusLine(response)} but ${json.ok ? 'without a client_id' : json.reason}; RFC 7591 §3.2.1 requires a JSON body with client_id.`);
    }
    const doc = json.value;
    let requested: AuthMethod | undefined;
    try {
      requested = asRegisteredMethod((JSON.parse(request.body ?? '{}') as Record<string, unknown>).token_endpoint_auth_method) as AuthMethod;
    } catch {
      requested = undefined;
    }
    const client: ClientRecord = {
      issuer,
      client_id: doc.client_id as string,
      ...(typeof doc.client_secret === 'string' && { client_secret: doc.client_secret }),
      ...(typeof doc.client_secret_expires_at === 'number' && { client_secret_expires_at: doc.client_secret_expires_at }),
      token_endpoint_auth_method: asRegisteredMethod(doc.token_endpoint_auth_method),
      source: 'dcr',
      redirect_uris: strings(doc.redirect_uris) ?? [redirectUri],
      ...(strings(doc.grant_types) && { grant_types: strings(doc.grant_types) }),
      ...(strings(doc.response_types) && { response_types: strings(doc.response_types) }),
      ...(typeof doc.application_type === 'string' && { application_type: doc.application_type }),
      ...(typeof doc.scope === 'string' && { scope: doc.scope }),
      registrationResponse: boundJson(doc),
      ...(requested && requested !== ('unknown' as string) && { requestedMethod: requested }),
      createdAt: now,
      updatedAt: now,
    };
    await rt.clients.put(rt.config.client?.cacheKeepsMethod === false ? withoutMethod(client) : client);
    rt.write({ client });
    const extra = rt.config.client?.extraRedirectUris ?? [];
    // What cannot happen here is said where it happens: these redirect URIs are registered, never called.
    const simulated = extra.length > 0 ? `; also registered ${extra.join(', ')} as ${rt.config.client!.profile} does (simulated: the callback comes back on loopback)` : '';
    return `registered ${client.client_id} as ${client.token_endpoint_auth_method}${client.client_secret ? ' with a secret' : ''}${simulated}`;
  },
};
