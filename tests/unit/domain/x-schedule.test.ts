import { describe, expect, it } from 'vitest';
import { scheduleXPosts } from '../../../shared/domain/x-schedule.js';

const HOUR = 3_600_000;
const now = Date.parse('2026-11-22T12:30:00.000Z');
const hourAgo = (n: number) => Math.floor(now / HOUR) * HOUR - n * HOUR;

describe('scheduling X posts within the app budget', () => {
  it('lets every account post now when the budget has room', () => {
    const schedule = scheduleXPosts(
      { limit: 100, hours: [{ start: hourAgo(1), used: 10 }] },
      ['a', 'b', 'c'],
      2,
      now,
    );
    expect(schedule).toEqual({ limit: 100, used: 10, postNow: ['a', 'b', 'c'], postLater: [] });
  });

  it('says which accounts wait, and until the oldest hour leaves the 24-hour window', () => {
    const usage = {
      limit: 10,
      hours: [
        { start: hourAgo(20), used: 4 },
        { start: hourAgo(2), used: 4 },
      ],
    };
    const schedule = scheduleXPosts(usage, ['a', 'b', 'c'], 2, now);
    expect(schedule.postNow).toEqual(['a']);
    expect(schedule.postLater).toEqual([
      { accountId: 'b', at: new Date(hourAgo(20) + 24 * HOUR).toISOString() },
      { accountId: 'c', at: new Date(hourAgo(20) + 24 * HOUR).toISOString() },
    ]);
  });

  it('ignores hours that already left the window', () => {
    const schedule = scheduleXPosts(
      { limit: 4, hours: [{ start: hourAgo(25), used: 4 }] },
      ['a', 'b'],
      2,
      now,
    );
    expect(schedule.postNow).toEqual(['a', 'b']);
    expect(schedule.used).toBe(0);
  });
});
