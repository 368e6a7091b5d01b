/**
 * Plays the user's browser for the sandbox, which approves without a login page: follows the
 * redirects from the authorization URL, keeping cookies per host, through the loopback callback.
 */
export async function approveInBrowser(url: string): Promise<void> {
  const jar = new Map<string, Map<string, string>>();
  let next = url;
  for (let hop = 0; hop < 20; hop++) {
    const host = new URL(next).host;
    const cookies = jar.get(host) ?? new Map<string, string>();
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    jar.set(host, cookies);
    const location = response.headers.get('location');
    if (!location) return;
    next = new URL(location, next).href;
  }
}
