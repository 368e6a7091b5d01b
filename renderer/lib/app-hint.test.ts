import { describe, expect, it } from 'vitest';
import { inAppTerms } from './app-hint.js';

describe('inAppTerms', () => {
  it('names the app control for each CLI option the app has', () => {
    expect(inAppTerms('Choose --auth-method none, or give the secret with --client-secret.')).toBe(
      'Choose “Auth method” none, or give the secret with “Client secret” (Registration: Pre-registered).',
    );
    expect(inAppTerms('Pass --client-id (and --client-secret, --auth-method).')).toBe(
      'Set “Client ID” (Registration: Pre-registered) (and “Client secret” (Registration: Pre-registered), “Auth method”).',
    );
  });

  it('says which options only the CLI has, and leaves other text alone', () => {
    expect(inAppTerms('Pass --private-key <file> (a JWK or PKCS#8 PEM).')).toBe("Pass the CLI's --private-key <file> (a JWK or PKCS#8 PEM).");
    expect(inAppTerms('Read the response body; a well-known URL is not an option--really.')).toBe('Read the response body; a well-known URL is not an option--really.');
  });
});
