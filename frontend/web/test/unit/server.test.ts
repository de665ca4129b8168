import { describe, expect, it } from 'vitest';
// @ts-expect-error server.mjs is plain JavaScript without type declarations.
import { isAllowedIndex } from '../../server.mjs';

describe('server', () => {
  it('allows indices of prefix', () => {
    expect(isAllowedIndex('cat-data-cat-latest', 'cat-data')).toBe(true);
    expect(isAllowedIndex('cat-data-cell-density-*', 'cat-data')).toBe(true);
  });

  it('rejects other indices', () => {
    expect(isAllowedIndex('.kibana', 'cat-data')).toBe(false);
    expect(isAllowedIndex('other-cat-latest', 'cat-data')).toBe(false);
    expect(isAllowedIndex('cat-data-cat-latest/_doc', 'cat-data')).toBe(false);
    expect(isAllowedIndex('cat-data-a,other', 'cat-data')).toBe(false);
    expect(isAllowedIndex('*', 'cat-data')).toBe(false);
  });
});
