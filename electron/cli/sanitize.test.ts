import { describe, expect, it } from 'vitest';
import { safe, sanitize, sanitizeTree } from './sanitize.js';

describe('the terminal sanitiser', () => {
  it('shows C0 and C1 controls, DEL, bidi controls and line separators as visible names', () => {
    expect(sanitize('a\u001b[2Jb')).toBe('a⟨ESC⟩[2Jb');
    expect(sanitize('\u001b]0;title\u0007')).toBe('⟨ESC⟩]0;title⟨BEL⟩');
    expect(sanitize('x\ry\bz\u007f')).toBe('x⟨CR⟩y⟨BS⟩z⟨DEL⟩');
    expect(sanitize('one\ntwo\ttab')).toBe('one⟨LF⟩two⟨HT⟩tab');
    expect(sanitize('\u009b2J\u0085')).toBe('⟨U+009B⟩2J⟨U+0085⟩');
    expect(sanitize('\u202Eevil\u202C \u2066x\u2069 \u2028')).toBe('⟨U+202E⟩evil⟨U+202C⟩ ⟨U+2066⟩x⟨U+2069⟩ ⟨U+2028⟩');
  });

  it('keeps ordinary text, other scripts and our own marks as they are, and is idempotent', () => {
    const text = 'client_secret_post → 401 invalid_client ✓ é 日本語 שלום';
    expect(sanitize(text)).toBe(text);
    const once = sanitize('\u001b[31mred\u001b[0m\u009b');
    expect(sanitize(once)).toBe(once);
  });

  it('sanitises the values of a template, not its literal text', () => {
    expect(safe`line\n${'value\n\u001b[2J'} ${42}`).toBe('line\nvalue⟨LF⟩⟨ESC⟩[2J 42');
  });

  it('sanitises every string of a tree, keys included', () => {
    expect(sanitizeTree({ 'k\u001b': ['v\u0007', 1, null, { n: '\u202E' }] })).toEqual({ 'k⟨ESC⟩': ['v⟨BEL⟩', 1, null, { n: '⟨U+202E⟩' }] });
  });
});
