// The flow's hints name CLI options (they are written once, for every host); the app names its own
// controls instead, and says "the CLI's" for an option the app has no control for.
const CONTROLS: Record<string, string> = {
  '--auth-method': '“Auth method”',
  '--client-secret': '“Client secret” (Registration: Pre-registered)',
  '--client-id': '“Client ID” (Registration: Pre-registered)',
  '--client-metadata-url': '“Client metadata URL” (Registration: CIMD URL)',
  '--register-method': '“Register as” (Registration: DCR)',
  '--strategy': '“Client strategy”',
  '--revision': '“Revision”',
  '--scope': '“Scope”',
  '--new-client': '“New client”',
  '--refresh': '“Refresh”',
  '--continue-on': '“Continue anyway”',
  '--allow-private-targets': '“Allow private addresses”',
};

export function inAppTerms(hint: string): string {
  return hint
    .replace(/\b(Pass|Use|Give) (--[a-z][a-z-]*)/g, (all, verb: string, flag: string) => (flag in CONTROLS ? `Set ${flag}` : all))
    .replace(/(?<![\w-])--[a-z][a-z-]*/g, (flag) => CONTROLS[flag] ?? `the CLI's ${flag}`);
}
