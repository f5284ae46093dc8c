import * as z from 'zod';
import { closesIncident } from '../../domain/follow-up.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import { hasMalformedPlaceholder, templateVariables } from '../../domain/rendering/template-text.js';
import { BUILTIN_VARIABLES, type TemplateVariable, templateId } from '../../domain/template.js';
import { type BroadcastKind, FollowUpKind, LanguageCode } from '../../domain/vocabulary.js';
import type { Template, TemplateSource } from '../../ports/templates.js';

/**
 * The templates Herald ships with (`config/templates.json`): for the sample registry's categories
 * in English and French, written and reviewed per language (never translated by machine).
 * Communications staff replace them with their own published versions.
 *
 * The file holds the wording; this module turns it into templates. Each category has its alert
 * and an `about` (what and where) that the follow-ups of its language wrap in their label and
 * closing line. Conventions the renderer relies on:
 * - X, SMS and e-mail texts do not include `{{link}}`: the renderer adds the link to every post,
 *   to the SMS and at the end of the e-mail.
 * - The EXERCISE/TEST label is added by the renderer, never written here.
 * - SMS texts are short: French needs UCS-2 (67 characters a part) and the link takes ~30-60 of
 *   the 134 characters of two parts, so the SMS says what and where and leaves the rest to the page.
 * - A line whose placeholders are all empty is dropped, so optional facts sit on their own line.
 */

const Text = lazySchema(() =>
  z.string().refine((text) => !hasMalformedPlaceholder(text), 'a placeholder is malformed; write {{name}}'),
);
const Wording = lazySchema(() => Text.min(1));
/** Why a wording reads as it does, for the next person who edits the file; in no template. */
const Comment = lazySchema(() => z.string().optional());

const AlertWording = lazySchema(() =>
  z.strictObject({
    headline: Wording,
    x: Wording,
    sms: Wording,
    emailSubject: Wording,
    emailBody: Wording,
  }),
);
type AlertWording = z.infer<typeof AlertWording>;

const CategoryWording = lazySchema(() =>
  z.strictObject({
    comment: Comment,
    /** Names the incident in follow-ups: what and where. */
    about: Wording,
    /** A shorter `about` for the SMS of follow-ups. */
    smsAbout: Wording,
    /** CAP `instruction` of the alert and of updates and corrections: the one thing to do now. */
    instruction: Wording,
    alert: AlertWording,
  }),
);
type CategoryWording = z.infer<typeof CategoryWording>;

/**
 * One wording per follow-up kind and language, around the category's `about`. The label (UPDATE,
 * CANCELLED...) is part of the wording; `{{note}}` is the inspector's own text and sits on its own
 * line so the message still reads well without it. The closing line of a kind that closes the
 * incident (cancel, all-clear) is its CAP instruction: nothing more is needed.
 */
const FollowUpWording = lazySchema(() =>
  z.strictObject({
    comment: Comment,
    label: Wording,
    /** The label in the SMS, when it must differ (a character outside GSM-7 halves the budget). */
    smsLabel: Wording.optional(),
    closing: Text,
  }),
);
type FollowUpWording = z.infer<typeof FollowUpWording>;

const ShippedTemplates = lazySchema(() =>
  z.strictObject({
    /** When the release that ships this wording published it: every built-in version 1 says so. */
    publishedAt: z.iso.datetime(),
    languages: z.record(
      LanguageCode,
      z.strictObject({
        followUps: z.record(FollowUpKind, FollowUpWording),
        categories: z.record(z.string().min(1), CategoryWording),
      }),
    ),
  }),
);
type ShippedTemplates = z.infer<typeof ShippedTemplates>;

/** Who "published" the built-in templates: the release that shipped them. */
const BUILTIN_AUTHOR = 'system:builtin';

/**
 * The templates of `raw` (the contents of config/templates.json). Invalid, it throws naming the
 * path of every bad field, as `languages.fr.categories.collision.alert.sms`.
 */
export function builtinTemplatesFrom(raw: unknown, source = 'config/templates.json'): Template[] {
  const parsed = ShippedTemplates.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return expand(parsed.data);
}

let loading: Promise<readonly Template[]> | undefined;

/**
 * Every built-in template. The file is read (and validated) at the first call, not when this
 * module loads, so a function that never needs a built-in template never parses the wording.
 */
export function loadBuiltinTemplates(): Promise<readonly Template[]> {
  loading ??= import('../../../config/templates.json', { with: { type: 'json' } }).then((file) =>
    builtinTemplatesFrom(file.default),
  );
  return loading;
}

/** The built-in templates alone, as rendering finds them (tests render with these). */
export const builtinTemplates: TemplateSource = {
  async find(query) {
    const id = templateId(query);
    return (await loadBuiltinTemplates()).find((template) => template.id === id);
  },
};

function expand({ publishedAt, languages }: ShippedTemplates): Template[] {
  const templates: Template[] = [];
  for (const [language, { followUps, categories }] of Object.entries(languages)) {
    for (const [category, wording] of Object.entries(categories)) {
      const kinds: [BroadcastKind, AlertWording, string][] = [
        ['alert', wording.alert, wording.instruction],
        ...Object.entries(followUps).map(([kind, followUp]): [BroadcastKind, AlertWording, string] => [
          kind as FollowUpKind,
          followUpWording(followUp, wording),
          closesIncident(kind as FollowUpKind) ? followUp.closing : wording.instruction,
        ]),
      ];
      for (const [kind, fields, capInstruction] of kinds) {
        const variants = { ...fields, capDescription: fields.x, capInstruction, web: fields.emailBody };
        templates.push({
          id: templateId({ category, language, kind }),
          version: 1,
          category,
          language,
          kind,
          ...variants,
          variables: declaredVariables(Object.values(variants)),
          publishedAt,
          publishedBy: BUILTIN_AUTHOR,
        });
      }
    }
  }
  return templates;
}

function followUpWording(
  { label, smsLabel = label, closing }: FollowUpWording,
  { about, smsAbout }: CategoryWording,
): AlertWording {
  const lines = (...parts: string[]) => parts.filter(Boolean).join('\n');
  return {
    headline: `${label}${about}`,
    x: lines(`${label}${about} ({{areas}}).`, '{{note}}', closing),
    sms: `${smsLabel}${smsAbout}. {{note}}`,
    emailSubject: `${label}${about}`,
    emailBody: [`${label}${about} ({{areas}}).`, '{{note}}', closing, '{{service}}']
      .filter(Boolean)
      .join('\n\n'),
  };
}

/** The variables a built-in template uses, declared loosely: the category's facts set the rules. */
function declaredVariables(texts: string[]): TemplateVariable[] {
  const names = templateVariables(texts.join('\n')).filter(
    (name) => !(BUILTIN_VARIABLES as readonly string[]).includes(name),
  );
  return names.map((name) => ({ name, required: false, type: 'text', maxLength: 500, example: '' }));
}
