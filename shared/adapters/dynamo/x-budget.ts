import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BUDGET_WINDOW_MS, type BudgetUsage, scheduleXPosts, usedInWindow } from '../../domain/x-schedule.js';
import type { XPostBudget } from '../../ports/x-budget.js';
import { documentSdk } from '../aws-sdk.js';
import { keys } from './keys.js';

const HOUR = 3_600_000;

/**
 * The X app budget as hourly counters (`ADD`, atomic): a reservation adds to the current hour,
 * reads the other 23 and gives its posts back when the window is full. Finished hours never change,
 * so their counts are cached.
 */
export class DynamoXPostBudget implements XPostBudget {
  private readonly closedHours = new Map<number, number>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limit: number,
  ) {}

  async reserve(
    count: number,
    now: Date,
  ): Promise<{ granted: true; usedPercent: number } | { granted: false; retryAt: number }> {
    const hour = hourStart(now.getTime());
    const current = await this.add(hour, count);
    const usage = await this.usageWith(hour, current, now.getTime());
    const used = usedInWindow(usage, now.getTime());
    if (used <= this.limit)
      return { granted: true, usedPercent: Math.round((used / this.limit) * 1000) / 10 };
    await this.add(hour, -count);
    const { postLater } = scheduleXPosts(
      { ...usage, hours: usage.hours.map((h) => (h.start === hour ? { ...h, used: h.used - count } : h)) },
      ['probe'],
      count,
      now.getTime(),
    );
    return {
      granted: false,
      retryAt: Date.parse(postLater[0]?.at ?? new Date(now.getTime() + HOUR).toISOString()),
    };
  }

  async usage(now: Date): Promise<BudgetUsage> {
    const hour = hourStart(now.getTime());
    const [current] = await this.read([hour]);
    return this.usageWith(hour, current ?? 0, now.getTime());
  }

  private async usageWith(hour: number, current: number, now: number): Promise<BudgetUsage> {
    const previous = Array.from({ length: 23 }, (_, i) => hour - (i + 1) * HOUR).filter(
      (h) => h > now - BUDGET_WINDOW_MS,
    );
    const missing = previous.filter((h) => !this.closedHours.has(h));
    const counts = await this.read(missing);
    for (const [i, h] of missing.entries()) this.closedHours.set(h, counts[i] ?? 0);
    for (const h of this.closedHours.keys()) if (h <= now - BUDGET_WINDOW_MS) this.closedHours.delete(h);
    const hours = [
      ...previous.map((start) => ({ start, used: this.closedHours.get(start) ?? 0 })),
      { start: hour, used: current },
    ]
      .filter((h) => h.used > 0)
      .sort((a, b) => a.start - b.start);
    return { limit: this.limit, hours };
  }

  private async add(hour: number, count: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new (await documentSdk()).UpdateCommand({
        TableName: this.tableName,
        Key: keys.xBudgetHour(new Date(hour).toISOString()),
        UpdateExpression: 'ADD used :count',
        ExpressionAttributeValues: { ':count': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.used ?? 0);
  }

  private async read(hours: number[]): Promise<number[]> {
    if (hours.length === 0) return [];
    const wanted = hours.map((h) => keys.xBudgetHour(new Date(h).toISOString()));
    const { Responses } = await this.db.send(
      new (await documentSdk()).BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: wanted, ProjectionExpression: 'sk, used' } },
      }),
    );
    const bySk = new Map(
      (Responses?.[this.tableName] ?? []).map((item) => [item.sk as string, Number(item.used ?? 0)]),
    );
    return wanted.map((key) => bySk.get(key.sk) ?? 0);
  }
}

function hourStart(time: number): number {
  return Math.floor(time / HOUR) * HOUR;
}
