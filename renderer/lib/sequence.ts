// Projects exchanges onto a sequence diagram: four lifelines and one or two arrows per exchange.
import type { Exchange } from '../../shared/model.js';

export const LANES = ['client', 'browser', 'rs', 'as'] as const;
export type Lane = (typeof LANES)[number];
export const LANE_LABELS: Record<Lane, string> = {
  client: 'Client (Authtrace)',
  browser: 'Browser',
  rs: 'Resource server (MCP)',
  as: 'Authorization server',
};

export interface Arrow {
  exchangeId: string;
  from: Lane;
  to: Lane;
  label: string;
  kind: 'request' | 'response' | 'error';
  /** For responses: the status class, to color the arrow. */
  tone: 'ok' | 'redirect' | 'client-error' | 'server-error' | 'neutral';
}

function serverLane(exchange: Exchange): Lane {
  switch (exchange.role) {
    case 'mcp-probe':
    case 'resource-metadata':
    case 'mcp':
      return 'rs';
    default:
      return 'as';
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + (u.search ? '?…' : '');
  } catch {
    return url;
  }
}

function tone(status: number): Arrow['tone'] {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

export function arrowsFor(exchange: Exchange): Arrow[] {
  const id = exchange.id;
  const request = `${exchange.request.method} ${pathOf(exchange.request.url)}`;
  let from: Lane = 'client';
  let to: Lane = serverLane(exchange);
  if (exchange.role === 'authorize' || exchange.role === 'authorize-redirect') {
    from = 'browser';
    to = 'as';
  } else if (exchange.role === 'callback') {
    from = 'browser';
    to = 'client';
  }
  const arrows: Arrow[] = [];
  if (exchange.role === 'authorize') {
    arrows.push({ exchangeId: id, from: 'client', to: 'browser', label: 'open authorization URL', kind: 'request', tone: 'neutral' });
  }
  arrows.push({ exchangeId: id, from, to, label: request, kind: 'request', tone: 'neutral' });
  if (exchange.outcome === 'response') {
    const { status, statusText } = exchange.response;
    arrows.push({ exchangeId: id, from: to, to: from, label: `${status} ${statusText}`.trim(), kind: 'response', tone: tone(status) });
  } else if (exchange.outcome === 'network-error') {
    arrows.push({ exchangeId: id, from: to, to: from, label: `✕ ${exchange.error.code}`, kind: 'error', tone: 'server-error' });
  }
  return arrows;
}

export function sequenceOf(exchanges: readonly Exchange[]): Arrow[] {
  return exchanges.flatMap(arrowsFor);
}
