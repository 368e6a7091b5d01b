import { describe, expect, it } from 'vitest';
import { readAcceptance } from './acceptance.js';

describe('reading client authentication from the answer to a bogus code', () => {
  it.each([
    [400, '{"error":"invalid_grant"}', 'accepted'],
    [401, '{"error":"invalid_client"}', 'refused'],
    [400, '{"error":"invalid_client"}', 'refused'],
    [401, '', 'refused'],
    [400, '{"error":"invalid_request","error_description":"client_id is required"}', 'unreadable'],
    [500, '<html>', 'unreadable'],
    [200, '{"access_token":"x"}', 'unreadable'],
    // An error sent with 200 (authprobe TOKEN_HTTP200_ERROR_PAYLOAD_RISK): clients read it as success.
    [200, '{"error":"invalid_grant"}', 'unreadable'],
  ])('%i %s: %s', (status, body, verdict) => {
    expect(readAcceptance(status, body).verdict).toBe(verdict);
  });
});
