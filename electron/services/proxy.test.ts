import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseProxyUrl, proxySettings } from './proxy.js';
import { describeTransport } from './transport.js';

const route = (env: NodeJS.ProcessEnv, url: string, proxy?: string | null) => proxySettings({ env, ...(proxy !== undefined && { proxy }) }).route(new URL(url));

describe('proxy settings', () => {
  it('takes https_proxy for https and http_proxy for http, the lower case name first', () => {
    const env = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', HTTP_PROXY: 'http://plain:3' };
    expect(route(env, 'https://a.test/')).toMatchObject({ kind: 'proxy', proxy: { host: 'lower', port: 1 } });
    expect(route(env, 'http://a.test/')).toMatchObject({ kind: 'proxy', proxy: { host: 'plain', port: 3 } });
    expect(route({ HTTPS_PROXY: 'http://upper:2' }, 'https://a.test/')).toMatchObject({ kind: 'proxy', proxy: { host: 'upper' } });
  });

  it('goes direct without a proxy variable, or an empty one', () => {
    expect(route({}, 'https://a.test/')).toEqual({ kind: 'direct', bypassed: false });
    expect(route({ https_proxy: ' ', HTTPS_PROXY: '' }, 'https://a.test/')).toEqual({ kind: 'direct', bypassed: false });
  });

  it('proxies loopback like any host unless NO_PROXY names it, as curl does', () => {
    expect(route({ http_proxy: 'http://p:3128' }, 'http://127.0.0.1:8080/')).toMatchObject({ kind: 'proxy' });
    expect(route({ http_proxy: 'http://p:3128', no_proxy: 'localhost,127.0.0.1' }, 'http://127.0.0.1:8080/')).toEqual({ kind: 'direct', bypassed: true });
    expect(route({ http_proxy: 'http://p:3128', NO_PROXY: 'localhost' }, 'http://localhost:8080/')).toEqual({ kind: 'direct', bypassed: true });
  });

  it('applies NO_PROXY with the default port of the scheme', () => {
    const env = { https_proxy: 'http://p:3128', no_proxy: 'a.test:443' };
    expect(route(env, 'https://a.test/')).toMatchObject({ kind: 'direct' });
    expect(route(env, 'https://a.test:8443/')).toMatchObject({ kind: 'proxy' });
  });

  it('the proxy option replaces the environment for both schemes; null means no proxy at all', () => {
    const env = { https_proxy: 'http://env:1', no_proxy: 'skip.test' };
    expect(route(env, 'https://a.test/', 'http://opt:2')).toMatchObject({ kind: 'proxy', proxy: { host: 'opt', port: 2 } });
    expect(route(env, 'http://a.test/', 'http://opt:2')).toMatchObject({ kind: 'proxy', proxy: { host: 'opt' } });
    expect(route(env, 'https://skip.test/', 'http://opt:2')).toMatchObject({ kind: 'direct', bypassed: true });
    expect(route(env, 'https://a.test/', null)).toEqual({ kind: 'direct', bypassed: false });
  });

  it('reads credentials into Proxy-Authorization and keeps them out of its display', () => {
    const parsed = parseProxyUrl('http://us%40er:p%3Ass@proxy.corp:3128', 'HTTPS_PROXY');
    expect(parsed).toEqual({
      ok: true,
      proxy: { host: 'proxy.corp', port: 3128, authorization: `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`, display: 'http://proxy.corp:3128' },
    });
  });

  it('takes a proxy without a scheme as http, on port 80 without a port, and an IPv6 host without brackets', () => {
    expect(parseProxyUrl('proxy.corp:3128', 'x')).toMatchObject({ ok: true, proxy: { host: 'proxy.corp', port: 3128 } });
    expect(parseProxyUrl('http://proxy.corp', 'x')).toMatchObject({ ok: true, proxy: { port: 80, display: 'http://proxy.corp' } });
    expect(parseProxyUrl('http://[::1]:3128', 'x')).toMatchObject({ ok: true, proxy: { host: '::1', display: 'http://[::1]:3128' } });
  });

  it('names the variable of a proxy it cannot use, without repeating credentials', () => {
    expect(route({ HTTPS_PROXY: 'socks5://u:secret@p:1080' }, 'https://a.test/')).toEqual({
      kind: 'unusable',
      message: 'HTTPS_PROXY names a socks5 proxy: only http:// proxies are supported',
    });
    const bad = parseProxyUrl('http://u:secret@[bad', 'https_proxy');
    expect(bad).toEqual({ ok: false, message: 'https_proxy is not a valid proxy URL' });
  });
});

describe('describeTransport', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('says direct, via which proxy, and which extra CA an https request trusts', () => {
    vi.stubEnv('NODE_EXTRA_CA_CERTS', '');
    const env = { https_proxy: 'http://u:p@proxy:3128', no_proxy: 'inside.test' };
    expect(describeTransport('https://a.test/x', { env, caFile: '/etc/corp-ca.pem' })).toBe('via proxy http://proxy:3128, extra CA from /etc/corp-ca.pem');
    expect(describeTransport('https://inside.test/x', { env, caFile: '/etc/corp-ca.pem' })).toBe('direct (NO_PROXY), extra CA from /etc/corp-ca.pem');
    expect(describeTransport('http://a.test/x', { env, caFile: '/etc/corp-ca.pem' })).toBe('direct');
    expect(describeTransport('https://a.test/x', { env, proxy: 'socks5://p:1' })).toBe('no usable proxy: the proxy option names a socks5 proxy: only http:// proxies are supported');
    expect(describeTransport('https://a.test/x', { env: {} })).toBe('direct');
  });

  it("names Node's own extra CA file too", () => {
    vi.stubEnv('NODE_EXTRA_CA_CERTS', '/etc/ssl/extra.pem');
    expect(describeTransport('https://a.test/x', { env: {} })).toBe('direct, extra CA from /etc/ssl/extra.pem (NODE_EXTRA_CA_CERTS)');
    expect(describeTransport('https://a.test/x', { env: {}, caFile: 'ca.pem' })).toBe('direct, extra CA from ca.pem and /etc/ssl/extra.pem (NODE_EXTRA_CA_CERTS)');
  });
});
