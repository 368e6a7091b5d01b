// Codes of the mistakes a user makes on the command line or in a request to the Api.
export const USAGE_CODES = {
  USAGE_UNKNOWN_COMMAND: 'The command (or a subcommand, such as clients list) is not one Authtrace has: run, lint, sandbox, clients, web, start.',
  USAGE_UNKNOWN_OPTION: 'An option the command does not take.',
  USAGE_MISSING_VALUE: 'An option that takes a value was given none.',
  USAGE_INVALID_VALUE: 'An option or field has a value outside what it accepts (not a URL, not one of its choices, not a number).',
  USAGE_MISSING_ARGUMENT: 'Something the command needs was not given (a server URL, an issuer, a HAR file).',
  USAGE_TOO_MANY_ARGUMENTS: 'More positional arguments than the command takes.',
  USAGE_CONFLICTING_OPTIONS: 'Two options that cannot go together, or one that needs another.',
  USAGE_FILE_UNREADABLE: 'A file named by an option could not be read.',
  USAGE_FILE_UNWRITABLE: 'A file named by an option (such as --har) could not be written.',
  STORE_CORRUPT: 'A file in the data directory (clients.json, a saved session, sealing.key) is damaged, sealed with another key, or in a format this version does not read; Authtrace leaves it as it is: move it aside.',
  DATA_DIR_INVALID: 'The data directory is a file, or lies inside one: choose another --data-dir.',
  API_INVALID_REQUEST: 'A request to the Api does not match its channel\'s schema.',
  API_UNKNOWN_CHANNEL: 'A request named a channel the Api does not have.',
  API_REFUSED_SENDER: 'A request came from outside the Authtrace window or page.',
  API_NO_SESSION: 'The request needs a session, and none is open.',
  API_SESSION_READ_ONLY: 'The open session was read from a file or from the saved sessions: its steps cannot run again.',
  API_SHUTTING_DOWN: 'The host is closing and starts no new session.',
  API_NOT_FOUND: 'The saved session or stored client named in the request does not exist or cannot be read.',
  API_PROBE_NOT_STARTED: 'The probe found no token endpoint: discovery stopped before the authorization server metadata.',
} as const;

export type UsageCode = keyof typeof USAGE_CODES;
