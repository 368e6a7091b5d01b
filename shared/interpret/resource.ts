// Which MCP server a protected resource identifier names. RFC 9728 §3.3 asks for the exact URL;
// MCP clients (the SDKs, the conformance suite) accept a resource on the same origin whose path
// is the server's path or a prefix of it, and then send that identifier exactly as published.

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Whether `resource` names the server at `serverUrl`: the same origin, and a path prefix ending at a segment boundary. */
export function resourceCovers(resource: string, serverUrl: string): boolean {
  const r = parse(resource);
  const s = parse(serverUrl);
  if (!r || !s || r.origin !== s.origin || r.hash !== '') return false;
  if (r.search !== '' && (r.search !== s.search || r.pathname !== s.pathname)) return false;
  const prefix = r.pathname.replace(/\/+$/, '');
  const path = s.pathname;
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`) || path === `${prefix}/`;
}
