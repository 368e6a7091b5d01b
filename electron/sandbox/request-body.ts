import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'koa';

const LIMIT = 64 * 1024;

export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Lets oidc-provider read a body that a middleware in front of it has already consumed (and
 * possibly rewritten): its body parser reads `ctx.req` as a stream.
 */
export function replayRequestBody(ctx: Context, body: Buffer): void {
  const original = ctx.req;
  const replay = Object.assign(Readable.from([body]), {
    headers: { ...original.headers, 'content-length': String(body.length) },
    rawHeaders: original.rawHeaders,
    method: original.method,
    url: original.url,
    socket: original.socket,
    httpVersion: original.httpVersion,
    httpVersionMajor: original.httpVersionMajor,
    httpVersionMinor: original.httpVersionMinor,
  }) as unknown as IncomingMessage;
  ctx.req = replay;
  ctx.request.req = replay;
  ctx.response.req = replay;
}
