// Preloaded into a real client's process (node --import) to record every request it sends through
// undici, the HTTP stack behind Node's fetch: a JSON array in AUTHTRACE_RECORD_FILE, rewritten as
// each request (and then its body) goes out.
import { writeFileSync } from 'node:fs';
import { Agent, setGlobalDispatcher } from 'undici';

const file = process.env.AUTHTRACE_RECORD_FILE;
const recorded = [];
const save = () => writeFileSync(file, JSON.stringify(recorded));
const headerList = (headers) => {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    const out = [];
    for (let i = 0; i + 1 < headers.length; i += 2) out.push({ name: String(headers[i]), value: String(headers[i + 1]) });
    return out;
  }
  return Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [{ name, value: Array.isArray(value) ? value.join(', ') : String(value) }]));
};

/** The body as sent; fetch hands undici an async iterable, read as it is sent. */
function tee(body, entry) {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    entry.body = Buffer.from(body).toString('utf8');
    return body;
  }
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') return body;
  const chunks = [];
  return (async function* () {
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk));
      yield chunk;
    }
    entry.body = Buffer.concat(chunks).toString('utf8');
    save();
  })();
}

if (file) {
  setGlobalDispatcher(
    new Agent().compose((dispatch) => (options, handler) => {
      const entry = { method: options.method, url: new URL(options.path, options.origin).href, headers: headerList(options.headers) };
      recorded.push(entry);
      const body = tee(options.body, entry);
      save();
      return dispatch({ ...options, body }, handler);
    }),
  );
}
