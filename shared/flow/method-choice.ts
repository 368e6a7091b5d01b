// DESIGN.md "How a method is chosen": explicit choice, then the stored client's registered
// method, then a named strategy that reproduces how real clients behave.
import { selectClientAuthMethod } from '@modelcontextprotocol/client';
import type { AuthMethod, ChoiceSource, RegisteredMethod, Strategy } from '../model.js';

export interface MethodChoiceInput {
  explicit?: AuthMethod;
  registered: RegisteredMethod | null;
  hasSecret: boolean;
  /** token_endpoint_auth_methods_supported, or null when absent. */
  advertised: readonly string[] | null;
  strategy: Strategy;
  /** A client that re-selects with its strategy even when it knows its registered method (MCP TypeScript SDK, typescript-sdk #951). */
  reselect?: boolean;
}

export interface MethodChoice {
  method: AuthMethod;
  chosenBy: ChoiceSource;
  reason: string;
}

const KNOWN = new Set<string>(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt']);

export function chooseAuthMethod(input: MethodChoiceInput): MethodChoice {
  if (input.explicit) return { method: input.explicit, chosenBy: 'explicit', reason: `set explicitly to ${input.explicit}` };
  if (input.reselect && input.strategy === 'mcp-sdk') return mcpSdkChoice(input.advertised, input.hasSecret, input.registered);
  if (input.registered && input.registered !== 'unknown' && !input.reselect) {
    return { method: input.registered, chosenBy: 'registered', reason: `the client is registered with ${input.registered}` };
  }
  // RFC 8414 §2: an absent list means ["client_secret_basic"].
  const advertised = input.advertised ?? ['client_secret_basic'];
  switch (input.strategy) {
    case 'registered':
      return input.hasSecret
        ? { method: 'client_secret_basic', chosenBy: 'registered', reason: 'no method recorded; RFC 7591 default client_secret_basic because a secret exists' }
        : { method: 'none', chosenBy: 'registered', reason: 'no method recorded and no secret: a public client (none)' };
    case 'first-advertised': {
      const first = advertised.find((m) => KNOWN.has(m)) as AuthMethod | undefined;
      return first
        ? { method: first, chosenBy: 'first-advertised', reason: `no method recorded; picked the first advertised method, ${first} (a known client bug)` }
        : { method: 'client_secret_basic', chosenBy: 'first-advertised', reason: 'nothing usable advertised; fell back to client_secret_basic' };
    }
    case 'prefer-none':
      if (advertised.includes('none')) return { method: 'none', chosenBy: 'prefer-none', reason: 'none is advertised, and this strategy prefers it' };
      return input.hasSecret
        ? { method: 'client_secret_basic', chosenBy: 'prefer-none', reason: 'none is not advertised; client_secret_basic because a secret exists' }
        : { method: 'none', chosenBy: 'prefer-none', reason: 'none is not advertised, but there is no secret to send' };
    case 'mcp-sdk':
      return mcpSdkChoice(input.advertised, input.hasSecret);
  }
}

function mcpSdkChoice(advertised: readonly string[] | null, hasSecret: boolean, registered: RegisteredMethod | null = null): MethodChoice {
  // The SDK's own function, called as the SDK calls it (an absent list becomes []), with what its client store holds.
  const known = registered && registered !== 'unknown' ? registered : undefined;
  const method = selectClientAuthMethod(
    { client_id: 'x', ...(hasSecret && { client_secret: 'x' }), ...(known && { token_endpoint_auth_method: known }) },
    advertised ? [...advertised] : [],
  ) as AuthMethod;
  const what = known ? `registered ${known}` : 'no method recorded';
  return { method, chosenBy: 'mcp-sdk', reason: `${what}; the MCP TypeScript SDK's selectClientAuthMethod picks ${method}` };
}
