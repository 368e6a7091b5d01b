// Reads a response as it arrives: raw headers in order, the body up to a cap (counting every byte
// past it), and why it ended early when it did: the server closed, a silence outlasted the
// timeout, or the caller cut it (the deadline, an abort).
import type http from 'node:http';
import type { Header, HttpResponse } from '../../shared/model.js';

export type Incomplete = NonNullable<HttpResponse['incomplete']>;

export interface ResponseReader {
  /** Stops reading; the response resolves with what arrived, marked with this reason. */
  cut(reason: Incomplete): void;
  /** Resolves once, when the body ends or is cut; `endedAt` is a performance.now() time. */
  readonly done: Promise<{ response: HttpResponse; endedAt: number }>;
}

/** setTimeout fires at once above this. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function readResponse(res: http.IncomingMessage, { maxBodyBytes, idleMs }: { maxBodyBytes: number; idleMs: number }): ResponseReader {
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  let reason: Incomplete | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const cut = (why: Incomplete) => {
    reason ??= why;
    res.destroy();
  };
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => cut({ reason: 'timeout', afterMs: idleMs }), Math.min(idleMs, MAX_TIMER_MS));
  };

  const done = new Promise<{ response: HttpResponse; endedAt: number }>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(idle);
      const headers: Header[] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
      const incomplete = res.complete ? undefined : (reason ?? { reason: 'closed' });
      const response: HttpResponse = {
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        truncated: size > kept || incomplete !== undefined,
        bodySize: size,
        httpVersion: `HTTP/${res.httpVersion}`,
        ...(incomplete && { incomplete }),
      };
      resolve({ response, endedAt: performance.now() });
    };
    res.on('data', (chunk: Buffer) => {
      restartIdle();
      size += chunk.length;
      if (kept < maxBodyBytes) {
        const part = chunk.subarray(0, maxBodyBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    res.on('end', finish);
    res.on('close', finish);
    res.on('error', finish);
  });
  restartIdle();
  return { cut, done };
}
