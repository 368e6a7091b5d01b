import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHost } from './address.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'special'],
    ['100.64.0.1', 'special'],
    ['198.18.0.1', 'special'],
    ['224.0.0.1', 'special'],
    ['255.255.255.255', 'special'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'special'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:7f00:1', 'loopback'],
    ['fd00::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'special'],
    ['2001:db8::1', 'special'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('is undefined for names and malformed literals', () => {
    for (const text of ['example.com', '1.2.3', '256.1.1.1', '1::2::3', 'g::1', '01.02.03.04.05']) expect(classifyAddress(text)).toBeUndefined();
  });
});

describe('classifyHost', () => {
  it('treats localhost names as loopback and other names as names to resolve', () => {
    expect(classifyHost('localhost')).toBe('loopback');
    expect(classifyHost('api.localhost.')).toBe('loopback');
    expect(classifyHost('mcp.example.com')).toBe('name');
    expect(classifyHost('[fd12::3]')).toBe('private');
  });
});
