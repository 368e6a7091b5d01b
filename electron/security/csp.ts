// The Content-Security-Policy of the UI. Vite emits external scripts and stylesheets only,
// so nothing inline is allowed; React's style props go through CSSOM, which CSP does not govern.
export interface CspOptions {
  /** Extra connect-src sources (browser mode: its WebSocket URL). */
  connect?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.connect?.length ? ["'self'", ...options.connect] : ["'none'"];
  const directives: Array<[string, readonly string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['worker-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
