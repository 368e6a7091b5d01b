// The exchanges as a sequence diagram in inline SVG: the client's lane, one lane per server origin,
// a request arrow and an answer arrow per exchange, each linking to the exchange below.
import type { HarEntry } from '../har/types.js';
import { h, type Markup } from './markup.js';

const LANE_GAP = 250;
const LEFT = 110;
const TOP = 58;
const ROW = 24;
const LABEL_CHARS = 38;

const ROLE_NAMES: Partial<Record<string, string>> = {
  'mcp-probe': 'MCP server',
  mcp: 'MCP server',
  'resource-metadata': 'MCP server',
  'as-metadata': 'authorization server',
  registration: 'authorization server',
  authorize: 'authorization server',
  token: 'authorization server',
  refresh: 'authorization server',
  callback: 'redirect listener',
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host || url : clip(url, 30);
}

function pathOf(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

function arrow(x1: number, x2: number, y: number, cls: string, label: string, anchor: string): Markup {
  const dir = x2 > x1 ? 1 : -1;
  const head = `${x2},${y} ${x2 - dir * 8},${y - 4} ${x2 - dir * 8},${y + 4}`;
  const textX = Math.min(x1, x2) + 8;
  return h`<g class="${cls}"><a href="${anchor}"><line x1="${x1}" y1="${y}" x2="${x2 - dir * 2}" y2="${y}"/><polygon points="${head}"/><text x="${textX}" y="${y - 5}">${label}</text></a></g>`;
}

export function sequenceDiagram(entries: readonly HarEntry[]): Markup {
  const lanes: { origin: string; role: string }[] = [];
  const laneOf = (entry: HarEntry) => {
    const origin = originOf(entry.request.url);
    let i = lanes.findIndex((l) => l.origin === origin);
    if (i < 0) i = lanes.push({ origin, role: ROLE_NAMES[entry._authtrace?.role ?? ''] ?? 'server' }) - 1;
    return i;
  };
  const placed = entries.map((entry, index) => ({ entry, index, lane: laneOf(entry) }));
  const x = (lane: number) => LEFT + (lane + 1) * LANE_GAP;
  const width = LEFT + (lanes.length + 1) * LANE_GAP - 60;
  const height = TOP + placed.length * ROW * 2 + 20;
  const actor = (cx: number, title: string, subtitle: string) =>
    h`<g class="actor"><rect x="${cx - 100}" y="6" width="200" height="38" rx="5"/><text x="${cx}" y="22" text-anchor="middle">${clip(title, 28)}</text><text x="${cx}" y="37" text-anchor="middle" class="sub">${clip(subtitle, 30)}</text></g>`;
  const rows = placed.map(({ entry, index, lane }, row) => {
    const y = TOP + 14 + row * ROW * 2;
    const anchor = `#x-${index}`;
    const request = arrow(x(-1), x(lane), y, 'req', clip(`${entry.request.method} ${pathOf(entry.request.url)}`, LABEL_CHARS), anchor);
    const failed = entry.response.status === 0;
    const answer = failed ? clip(entry.response._error ?? entry.response.statusText ?? 'no response', LABEL_CHARS) : `${entry.response.status} ${clip(entry.response.statusText, 24)}`;
    const bad = failed || entry.response.status >= 400;
    return h`${request}${arrow(x(lane), x(-1), y + ROW, bad ? 'res bad' : 'res', answer, anchor)}`;
  });
  const laneLines = [-1, ...lanes.keys()].map((i) => h`<line class="lane" x1="${x(i)}" y1="44" x2="${x(i)}" y2="${height - 6}"/>`);
  const actors = [actor(x(-1), 'Authtrace', 'the client'), ...lanes.map((l, i) => actor(x(i), l.origin, l.role))];
  return h`<div class="seq"><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Sequence of the exchanges">${laneLines}${actors}${rows}</svg></div>`;
}
