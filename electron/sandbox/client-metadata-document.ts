import type { AdapterPayload } from 'oidc-provider';
import { usesSharedSecret } from '../../shared/model.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const MAX_DOCUMENT_BYTES = 64 * 1024;

export function isClientIdUrl(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId) && URL.canParse(clientId);
}

function isLoopbackHttp(uri: unknown): boolean {
  if (typeof uri !== 'string' || !URL.canParse(uri)) return false;
  const url = new URL(uri);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Fetches a client ID metadata document and turns it into client metadata for oidc-provider.
 * oidc-provider has its own implementation, but it accepts only https client IDs and refuses
 * loopback addresses, which is where a local debugger's documents live.
 */
export async function fetchClientMetadataDocument(clientId: string): Promise<AdapterPayload | undefined> {
  let response: Response;
  try {
    response = await fetch(clientId, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(2500),
    });
  } catch {
    return undefined;
  }
  if (response.status !== 200) return undefined;
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) return undefined;

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const metadata = document as Record<string, unknown>;
  if (metadata.client_id !== clientId) return undefined;
  if ('client_secret' in metadata || usesSharedSecret(String(metadata.token_endpoint_auth_method))) {
    return undefined;
  }

  const redirectUris = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : [];
  return {
    ...metadata,
    token_endpoint_auth_method: metadata.token_endpoint_auth_method ?? 'none',
    application_type:
      metadata.application_type ?? (redirectUris.length > 0 && redirectUris.every(isLoopbackHttp) ? 'native' : 'web'),
  } as AdapterPayload;
}
