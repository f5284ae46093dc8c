import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';

/** Reading an account's timeline back: what X returns, and which of its posts carry a marker. */

export const timelineSchema = lazySchema(() =>
  z.object({
    data: z
      .array(
        z.object({
          id: z.string(),
          text: z.string(),
          entities: z
            .object({
              urls: z
                .array(z.object({ expanded_url: z.string().optional(), unwound_url: z.string().optional() }))
                .optional(),
            })
            .optional(),
        }),
      )
      .optional(),
    meta: z.object({ next_token: z.string().optional() }).optional(),
  }),
);
export type TimelinePost = NonNullable<z.infer<typeof timelineSchema>['data']>[number];

/** Pages of 100 posts: X keeps the newest 3,200 posts of a user timeline. */
export const MAX_TIMELINE_PAGES = 32;

/** X wants `YYYY-MM-DDTHH:mm:ssZ` for `start_time`; a minute earlier allows for clock skew. */
export function xTime(since: Date): string {
  return new Date(since.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The posts that carry `marker`, oldest first. */
export function postsWithMarker(posts: readonly TimelinePost[], marker: string): TimelinePost[] {
  // X shows links as t.co in the text; the original link survives in the URL entities.
  return posts
    .filter(
      (post) =>
        post.text.includes(marker) ||
        (post.entities?.urls ?? []).some(
          (u) => u.expanded_url?.includes(marker) || u.unwound_url?.includes(marker),
        ),
    )
    .sort((a, b) => compareIds(a.id, b.id));
}

/** Post ids are time-ordered snowflakes, larger than Number can hold. */
function compareIds(a: string, b: string): number {
  try {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return a.localeCompare(b);
  }
}
