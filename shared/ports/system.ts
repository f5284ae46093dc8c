export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique, roughly time-ordered id with a readable prefix, e.g. `inc_...`. */
  next(prefix: string): string;
}
