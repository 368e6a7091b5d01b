import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bashQuote, toCurl } from './curl.js';

/** What bash makes of the words: runs printf under bash and returns each argument. */
function bashWords(command: string): string[] {
  const script = command.replace(/^curl/, "printf '%s\\0'");
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('bashQuote', () => {
  it.each([
    ['plain'],
    ["it's"],
    ['$HOME and `date` and $(id) and "quotes" and \\backslash'],
    ['two\nlines\r\nand\ttab'],
    ["mixed 'quote'\nnewline $x \\n"],
    ['\u0001 control \u007f'],
    [''],
    ['ünïcødé ✓'],
  ])('bash reads %j back unchanged', (word) => {
    expect(execFileSync('bash', ['-c', `printf '%s' ${bashQuote(word)}`], { encoding: 'utf8' })).toBe(word);
  });
});

describe('toCurl', () => {
  it('writes one flag per line with continuations, in header order', () => {
    const command = toCurl({
      method: 'POST',
      url: 'https://auth.test/token',
      headers: [
        { name: 'content-type', value: 'application/x-www-form-urlencoded' },
        { name: 'Authorization', value: 'Basic YTpi' },
        { name: 'content-length', value: '12' },
      ],
      body: 'grant_type=x',
    });
    expect(command).toBe(
      [
        'curl \\',
        "  --request 'POST' \\",
        "  --url 'https://auth.test/token' \\",
        "  --header 'content-type: application/x-www-form-urlencoded' \\",
        "  --header 'Authorization: Basic YTpi' \\",
        "  --data-raw 'grant_type=x'",
      ].join('\n'),
    );
  });

  it('survives quotes, newlines and $ in every position', () => {
    const body = `{"q":"it's $HOME","multi":"a\nb"}\n`;
    const command = toCurl({
      method: 'PUT',
      url: "https://x.test/a?b='c'&d=$e",
      headers: [{ name: 'X-Note', value: `"double" 'single' $(whoami)` }],
      body,
    });
    expect(bashWords(command)).toEqual([
      '--request', 'PUT',
      '--url', "https://x.test/a?b='c'&d=$e",
      '--header', `X-Note: "double" 'single' $(whoami)`,
      '--data-raw', body,
    ]);
  });

  it('leaves out the method for a plain GET, skips pseudo-headers, and handles globs, empty headers and HEAD', () => {
    const get = toCurl({ method: 'GET', url: 'https://x.test/p?a[0]=1', headers: [{ name: ':authority', value: 'x.test' }, { name: 'X-Empty', value: '' }, { name: 'accept-encoding', value: 'gzip' }] });
    expect(bashWords(get)).toEqual(['--globoff', '--url', 'https://x.test/p?a[0]=1', '--header', 'X-Empty;', '--header', 'accept-encoding: gzip', '--compressed']);
    expect(bashWords(toCurl({ method: 'HEAD', url: 'https://x.test/', headers: [] }))).toEqual(['--head', '--url', 'https://x.test/']);
  });
});
