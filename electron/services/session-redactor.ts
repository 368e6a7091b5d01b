// The HAR's redaction for what the CLI prints. One redactor of shared/har/redact.ts learns every
// secret of a session where it sits (requests, responses, the config, the client), as the HAR
// export does, and then hides those secrets wherever a server echoed them: in a step's error, a
// summary, a diagnostic. So the --json report and the terminal hold no secret the HAR does not.
import { createRedactor } from '../../shared/har/redact.js';
import { headerValue, type Diagnostic, type Session } from '../../shared/model.js';

export interface SessionRedactor {
  /** Reads the secrets of what it has not read yet: new exchanges, prepared requests, the config, the client. */
  learn(session: Session): void;
  /** A URL with its secret parameters and credentials, and any known secret, replaced. */
  url(url: string): string;
  /** Free text with the URLs it quotes redacted, and any known secret replaced. */
  text(text: string): string;
  diagnostic(diagnostic: Diagnostic): Diagnostic;
  /** Every string of a JSON-like tree with the known secrets replaced. */
  tree<T>(tree: T): T;
}

export function createSessionRedactor(): SessionRedactor {
  const redactor = createRedactor();
  const read = new Set<string>();
  return {
    learn(session) {
      redactor.config(session.config);
      if (session.client) redactor.client(session.client);
      for (const step of session.steps) if (step.prepared) redactor.request(step.prepared);
      for (const exchange of session.exchanges) {
        if (read.has(exchange.id)) continue;
        read.add(exchange.id);
        redactor.request(exchange.request);
        if (exchange.edited) redactor.request(exchange.edited.original);
        if (exchange.outcome !== 'response') continue;
        redactor.headers(exchange.response.headers);
        redactor.body(exchange.response.body, headerValue(exchange.response.headers, 'content-type'));
      }
    },
    url: (url) => redactor.sweep(redactor.url(url)),
    text: (text) => redactor.sweep(redactor.text(text)),
    diagnostic: (diagnostic) => redactor.sweepTree(redactor.diagnostic(diagnostic)),
    tree: (tree) => redactor.sweepTree(tree),
  };
}

/** What --include-secrets asks for: everything as it is. */
export const keepSecrets: SessionRedactor = {
  learn: () => undefined,
  url: (url) => url,
  text: (text) => text,
  diagnostic: (diagnostic) => diagnostic,
  tree: (tree) => tree,
};

/** The redactor that knows every secret of the session, or none with --include-secrets. */
export function redactorFor(session: Session, includeSecrets: boolean): SessionRedactor {
  if (includeSecrets) return keepSecrets;
  const redactor = createSessionRedactor();
  redactor.learn(session);
  return redactor;
}
