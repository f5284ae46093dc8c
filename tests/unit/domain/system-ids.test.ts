import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomIds } from '../../../shared/runtime/system.js';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID = new RegExp(`^([a-z]+)_([${ALPHABET}]{26})$`);

/** Reads the 10 leading time characters of an id back into epoch milliseconds. */
function timeOf(id: string): number {
  const body = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11);
  return [...body].reduce((ms, char) => ms * 32 + ALPHABET.indexOf(char), 0);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('making ids', () => {
  it('starts with the prefix and an underscore', () => {
    expect(randomIds.next('inc')).toMatch(/^inc_/);
    expect(randomIds.next('bc')).toMatch(/^bc_/);
  });

  it('has 26 characters from the documented alphabet after the underscore', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomIds.next('bc');

      expect(id).toMatch(ID);
      expect(id.length).toBe('bc_'.length + 26);
    }
  });

  it('never uses the letters that read like digits (i, l, o) or u', () => {
    const bodies = Array.from({ length: 500 }, () => randomIds.next('bc').slice(3)).join('');

    expect(bodies).not.toMatch(/[ilou]/);
  });

  it('starts with the creation time in milliseconds', () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 10, 0, 0, 123));

    expect(timeOf(randomIds.next('inc'))).toBe(Date.UTC(2026, 10, 22, 10, 0, 0, 123));
  });

  it('sorts ids in the order they were made, across milliseconds', () => {
    const times = [
      Date.UTC(2026, 10, 22, 10, 0, 0, 0),
      Date.UTC(2026, 10, 22, 10, 0, 0, 1),
      Date.UTC(2026, 10, 22, 10, 0, 0, 31),
      Date.UTC(2026, 10, 22, 10, 0, 0, 32),
      Date.UTC(2026, 10, 22, 10, 0, 1, 0),
      Date.UTC(2027, 0, 1),
      Date.UTC(2100, 0, 1),
    ];
    const now = vi.spyOn(Date, 'now');
    const ids = times.map((time) => {
      now.mockReturnValue(time);
      return randomIds.next('bc');
    });

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts ids made with the real clock in creation order', async () => {
    const first = randomIds.next('bc');
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = randomIds.next('bc');

    expect(first < second).toBe(true);
  });

  it('makes 10,000 different ids', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => randomIds.next('dl')));

    expect(ids.size).toBe(10_000);
  });

  it('makes different ids within the same millisecond', () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 10, 0, 0, 0));

    const ids = new Set(Array.from({ length: 1_000 }, () => randomIds.next('dl')));

    expect(ids.size).toBe(1_000);
  });
});
