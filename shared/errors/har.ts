// Codes of what goes wrong reading a HAR file (authtrace lint, Open HAR in the app).
export const HAR_CODES = {
  HAR_FILE_NOT_FOUND: 'There is no file at that path.',
  HAR_NOT_A_FILE: 'The path names a directory or something else that is not a file.',
  HAR_FILE_TOO_LARGE: 'The file is over the size limit for a HAR.',
  HAR_FILE_UNREADABLE: 'The file exists but could not be read.',
  HAR_NOT_JSON: 'The file is not JSON.',
  HAR_NOT_HAR: 'The JSON is not a HAR 1.2 log (no log.entries).',
  HAR_EMPTY: 'The HAR has no HTTP request that could be read: nothing to show or check.',
  HAR_CONFIG_INVALID: 'The _authtrace.config of an Authtrace HAR is not a valid session configuration.',
} as const;

export type HarCode = keyof typeof HAR_CODES;
