import { describe, expect, it } from 'vitest';
import { toJsonValue } from '../../src/store';

describe('toJsonValue: a domain value as the store keeps it', () => {
  it('is what a reload reads back: absent fields stay absent, numbers and nesting kept', () => {
    const plan = { summary: 'Stack', steps: ['a', 'b'], risk: 'low', edited: undefined, nested: { n: 1.5, ok: true, none: null } };
    expect(toJsonValue(plan)).toEqual({ summary: 'Stack', steps: ['a', 'b'], risk: 'low', nested: { n: 1.5, ok: true, none: null } });
    expect(Object.keys(toJsonValue(plan) as object)).not.toContain('edited');
    expect(toJsonValue(undefined)).toBeNull();
  });

  it('refuses what JSON cannot hold instead of storing something else', () => {
    expect(() => toJsonValue({ big: 10n })).toThrow();
  });
});
