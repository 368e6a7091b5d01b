import { describe, expect, it } from 'vitest';
import { resourceCovers } from './resource.js';

describe('resourceCovers', () => {
  it.each([
    ['http://localhost:3000', 'http://localhost:3000/mcp', true],
    ['http://localhost:3000/', 'http://localhost:3000/mcp', true],
    ['http://localhost:3000/mcp', 'http://localhost:3000/mcp', true],
    ['http://localhost:3000/mcp/', 'http://localhost:3000/mcp', true],
    ['http://localhost:3000/api', 'http://localhost:3000/api/mcp', true],
    ['http://localhost:3000/mc', 'http://localhost:3000/mcp', false],
    ['http://localhost:3001/mcp', 'http://localhost:3000/mcp', false],
    ['https://localhost:3000/mcp', 'http://localhost:3000/mcp', false],
    ['https://other.example/mcp', 'https://mcp.example/mcp', false],
    ['http://localhost:3000/mcp/sub', 'http://localhost:3000/mcp', false],
    ['not a url', 'http://localhost:3000/mcp', false],
  ])('%s covers %s: %s', (resource, server, expected) => {
    expect(resourceCovers(resource, server)).toBe(expected);
  });
});
