// The parsed JSON that a session carries outside its exchanges (a stored client's registration
// response, a tool call's arguments), bounded to MAX_JSON_DEPTH before it is serialised,
// cloned or walked: anything deeper is kept as its text, flagged as too deep.
import type { ClientRecord, Session, SessionConfig } from '../model.js';
import { boundJson } from './json-depth.js';

export function boundClient<T extends ClientRecord>(client: T): T {
  if (client.registrationResponse === undefined) return client;
  const bounded = boundJson(client.registrationResponse);
  return bounded === client.registrationResponse ? client : { ...client, registrationResponse: bounded };
}

export function boundConfig(config: SessionConfig): SessionConfig {
  const callTool = config.callTool;
  if (callTool === undefined) return config;
  const bounded = boundJson(callTool.args);
  return bounded === callTool.args ? config : { ...config, callTool: { ...callTool, args: bounded as Record<string, unknown> } };
}

/** The same session object when nothing in it is too deep. */
export function boundSession(session: Session): Session {
  const config = boundConfig(session.config);
  const client = session.client && boundClient(session.client);
  if (config === session.config && client === session.client) return session;
  return { ...session, config, ...(client && { client }) };
}
