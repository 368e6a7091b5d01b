// A minimal MCP OAuth client as a process, the baseline of the whole-process flow benchmark: the
// requests bench/flow.ts's in-process bare client makes (probe, PRM and AS discovery, DCR, authorize
// with a headless login following redirects, token exchange, MCP calls), with oauth4webapi, fetch and
// tough-cookie alone. Plain JavaScript, so it runs under node as it is: `node bench/bare-client.mjs <mcp-url>`.
import http from 'node:http';
import * as oauth from 'oauth4webapi';
import { CookieJar } from 'tough-cookie';

const PROTOCOL = '2026-07-28';
const mcpUrl = process.argv[2];

function rpc(method, token) {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': PROTOCOL,
      'mcp-method': method,
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method,
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': PROTOCOL, 'io.modelcontextprotocol/clientInfo': { name: 'bare', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } },
    }),
  });
}

/** The loopback redirect URI: answers the one callback and hands over its URL. */
async function listenForCallback() {
  let received;
  const callback = new Promise((resolve) => (received = resolve));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Authorization received</p>');
    received(req.url);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { redirectUri: `http://127.0.0.1:${server.address().port}/callback`, callback, close: () => new Promise((resolve) => server.close(resolve)) };
}

const probe = await rpc('server/discover');
await probe.arrayBuffer();
const prmUrl = /resource_metadata="([^"]+)"/.exec(probe.headers.get('www-authenticate') ?? '')[1];
const prm = await (await fetch(prmUrl)).json();
const issuer = new URL(prm.authorization_servers[0]);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true }));

const listener = await listenForCallback();
const registration = await fetch(as.registration_endpoint, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ redirect_uris: [listener.redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], application_type: 'native' }),
});
const client = await registration.json();

const verifier = oauth.generateRandomCodeVerifier();
const state = oauth.generateRandomState();
const authorize = new URL(as.authorization_endpoint);
const query = { response_type: 'code', client_id: client.client_id, redirect_uri: listener.redirectUri, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, scope: 'mcp:tools', resource: prm.resource };
for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);

const jar = new CookieJar(undefined, { allowSecureOnLocal: true });
let next = authorize.href;
while (!next.startsWith(listener.redirectUri)) {
  const cookie = await jar.getCookieString(next);
  const response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  for (const line of response.headers.getSetCookie()) await jar.setCookie(line, next, { ignoreError: true });
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (!location) throw new Error(`the login stopped at ${response.status} ${next}`);
  next = new URL(location, next).href;
}
await (await fetch(next)).arrayBuffer();
await listener.callback;
await listener.close();

const params = oauth.validateAuthResponse(as, client, new URL(next), state);
const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, listener.redirectUri, verifier, {
  additionalParameters: { resource: prm.resource },
  [oauth.allowInsecureRequests]: true,
});
const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
await (await rpc('server/discover', tokens.access_token)).arrayBuffer();
const list = await rpc('tools/list', tokens.access_token);
if (list.status !== 200) throw new Error(`tools/list: ${list.status} ${await list.text()}`);
await list.arrayBuffer();
