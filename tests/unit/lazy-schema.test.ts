import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from '../../shared/domain/lazy-schema.js';

describe('a lazy schema', () => {
  it('is not built until something uses it, and is built once', () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds += 1;
      return z.string().min(2);
    });
    expect(builds).toBe(0);
    expect(Name.parse('Ada')).toBe('Ada');
    expect(Name.safeParse('A').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('composes into other schemas, lazy or not, and keeps its checks there', () => {
    const Id = lazySchema(() => z.string().regex(/^inc_\d+$/, 'an inc_ id'));
    const Body = lazySchema(() => z.strictObject({ id: Id, tags: z.array(Id).max(2).optional() }));
    const Wrapper = z.object({ body: Body.optional() });
    expect(Wrapper.parse({ body: { id: 'inc_1', tags: ['inc_2'] } })).toEqual({
      body: { id: 'inc_1', tags: ['inc_2'] },
    });
    const refused = Wrapper.safeParse({ body: { id: 'x', extra: 1 } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toContain('an inc_ id');
    expect(refused.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('answers as the schema it builds: shape, options, instanceof and extend', () => {
    const Kind = lazySchema(() => z.enum(['live', 'exercise']));
    const Record = lazySchema(() => z.strictObject({ kind: Kind, count: z.number().int() }));
    expect(Kind.options).toEqual(['live', 'exercise']);
    expect(Object.keys(Record.shape)).toEqual(['kind', 'count']);
    expect(Record instanceof z.ZodObject).toBe(true);
    expect(Kind instanceof z.ZodObject).toBe(false);
    const Extended = Record.extend({ note: z.string() });
    expect(Extended.parse({ kind: 'live', count: 2, note: 'n' })).toEqual({
      kind: 'live',
      count: 2,
      note: 'n',
    });
    const { parse } = Kind;
    expect(parse('exercise')).toBe('exercise');
  });

  it('keeps its description and that of its fields in JSON Schema', () => {
    const Query = lazySchema(() =>
      z.strictObject({ mode: z.enum(['live']).optional().describe('live only') }).describe('the filters'),
    );
    const json = z.toJSONSchema(Query) as {
      description?: string;
      properties: Record<string, { description?: string }>;
    };
    expect(json.description).toBe('the filters');
    expect(json.properties.mode?.description).toBe('live only');
  });
});
