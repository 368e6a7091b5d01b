import type { ProfileBehaviour } from './profiles.js';

export const CHALLENGE_SCOPE = 'mcp:tools';

/** The WWW-Authenticate value of a 401 to a request without a token (RFC 6750 section 3, RFC 9728 section 5.1). */
export function missingTokenChallenge(behaviour: ProfileBehaviour, resourceMetadataUrl: string): string {
  switch (behaviour.challenge) {
    case 'quoted':
      return `Bearer resource_metadata="${resourceMetadataUrl}", scope="${CHALLENGE_SCOPE}"`;
    case 'unquoted':
      return `Bearer resource_metadata=${resourceMetadataUrl}, scope="${CHALLENGE_SCOPE}"`;
    case 'no-resource-metadata':
      return 'Bearer';
  }
}

/** Applies the profile's challenge fault to a challenge the MCP SDK built (invalid_token, insufficient_scope). */
export function applyChallengeFault(behaviour: ProfileBehaviour, header: string): string {
  switch (behaviour.challenge) {
    case 'quoted':
      return header;
    case 'unquoted':
      return header.replace(/resource_metadata="([^"]*)"/, 'resource_metadata=$1');
    case 'no-resource-metadata':
      return header.replace(/,?\s*resource_metadata="[^"]*"/, '');
  }
}
