// Reading the JSON a server sent, without trusting its shape or its depth.
import { textNestsDeeper } from './json-depth.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body when it is JSON (object or array) within MAX_JSON_DEPTH; undefined for anything else. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined || !/^\s*[{[]/.test(text) || textNestsDeeper(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseJsonObject(text: string | undefined): JsonObject | undefined {
  const value = parseJson(text);
  return isObject(value) ? value : undefined;
}

export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
