import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '../ports/system.js';

export const systemClock: Clock = { now: () => new Date() };

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered ids: 10 characters of milliseconds, then 16 random ones (80 bits). */
export const randomIds: Ids = {
  next(prefix: string): string {
    let time = Date.now();
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = ALPHABET[time % 32] + head;
      time = Math.floor(time / 32);
    }
    const tail = [...randomBytes(16)].map((byte) => ALPHABET[byte % 32]).join('');
    return `${prefix}_${head}${tail}`;
  },
};
