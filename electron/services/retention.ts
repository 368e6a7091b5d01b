// How long saved sessions are kept: AUTHTRACE_RETENTION_DAYS, else the session store's default (30 days).
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.AUTHTRACE_RETENTION_DAYS;
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}
