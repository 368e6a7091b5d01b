// The one place diagnostics import shared/http. The "http" entry of the Node built-in patterns in
// eslint.config.js also matches our own shared/http folder by name; these are not Node imports.
/* eslint-disable no-restricted-imports */
export { decodeBase64, decodeBase64Url } from '../http/base64.js';
export { detectClientAuth } from '../http/client-auth.js';
export { lenientParam, parseWwwAuthenticate, type Challenge, type ParseResult } from '../http/www-authenticate.js';
