import * as z from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';

/**
 * The pieces every console and workspace route is declared with (shared/http/console-contract.ts).
 */
export interface ConsoleSpec {
  auth: 'session' | 'open';
  summary: string;
  params?: z.ZodObject;
  /** Parsed leniently (a bad value is dropped): a link must still open. */
  query?: z.ZodObject;
  /** POST only: the form's fields besides the anti-forgery token. */
  form?: z.ZodObject;
  /** The form also takes `fact.*` fields (their names depend on the category). */
  facts?: true;
}

/** Whatever a person may type in a field; its meaning is checked by the API's schema. */
export const Typed = lazySchema(() => z.string().max(2000));
/** The value of a radio, a select or a checkbox. */
export const Choice = lazySchema(() => z.string().max(64));
/** Checkboxes: one value, or several under the same name. */
export const Choices = lazySchema(() =>
  z.union([Choice, z.array(Choice).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])),
);

/** A filter left at "Any" is sent empty: no filter, not a filter for "". */
export const Filter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).catch(undefined);

export const open = <S extends Omit<ConsoleSpec, 'auth'>>(spec: S) => ({ auth: 'open' as const, ...spec });
export const session = <S extends Omit<ConsoleSpec, 'auth'>>(spec: S) => ({
  auth: 'session' as const,
  ...spec,
});
