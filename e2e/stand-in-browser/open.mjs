#!/usr/bin/env node
// A stand-in browser for a real client's login in tests: started as `$BROWSER <url>` by the client's
// opener, it follows the authorization server's redirects with cookies, as a browser whose user
// approves at once, until the client's own callback has been called.
const cookies = new Map();
let url = new URL(process.argv[2] ?? '');
for (let hop = 0; hop < 20; hop++) {
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  for (const set of response.headers.getSetCookie()) {
    const [pair = ''] = set.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (!location) break;
  url = new URL(location, url);
}
